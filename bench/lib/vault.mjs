// Section 3a: Vault.list() over 10,000 tokens' metadata (the keychain is not touched by list).
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { interleaved, now, summary, tempDir } from './util.mjs';

/** 10,000 records in vault.json's documented shape (src/core/vault/metadata-file.ts). */
// Self-contained (no outer names): the renderer bench runs its source inside the page.
export function makeTokens(count, seed = 1) {
  const ECOSYSTEMS = ['npm', 'maven', 'nuget', 'pip', 'other'];
  const tokens = [];
  const day = 86_400_000;
  const base = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i++) {
    const h = (Math.imul(i + seed, 2654435761) >>> 0).toString(16).padStart(8, '0');
    const eco = ECOSYSTEMS[i % ECOSYSTEMS.length];
    const host = `${eco}${i % 37}.corp.example`;
    tokens.push({
      id: `${h}${(i + 0x10000000).toString(16)}`.slice(0, 16),
      label: `${eco} token ${i} for team ${i % 113}`,
      registry: `https://${host}/`,
      ecosystem: eco,
      ...(i % 3 ? { user: `user${i % 97}` } : {}),
      permissions: i % 4 === 0 ? ['read-only'] : ['publish'],
      created: new Date(base + (i % 400) * day).toISOString(),
      expires: i % 5 === 0 ? null : new Date(base + (400 + (i % 90)) * day).toISOString(),
      lastUsed: i % 2 ? new Date(base + (i % 300) * day).toISOString() : null,
      origin: i % 7 === 0 ? 'created' : 'pasted',
      writtenTo:
        i % 6 === 0
          ? [
              {
                format: 'npmrc',
                file: `/home/dev/p${i % 50}/.npmrc`,
                entry: `//${host}/:_authToken`,
                at: new Date(base).toISOString(),
              },
            ]
          : [],
      masked: `npm_${h.slice(0, 2)}…${h.slice(-2)}`,
      ...(i % 7 === 0 ? { remoteKey: `${h}-key` } : {}),
      status: 'ok',
    });
  }
  return tokens;
}

export async function benchVault({ modules, reps, log }) {
  const t0 = now();
  const core = await import(modules.core);
  const dir = tempDir('vault');
  const vaultId = 'bench001';
  const tokens = makeTokens(10_000);
  const file = path.join(dir, core.METADATA_FILE);
  // Generated directly in the format MetadataFile.write produces (JSON, indent 1, newline).
  writeFileSync(file, `${JSON.stringify({ version: 1, vaultId, tokens }, null, 1)}\n`, {
    mode: 0o600,
  });
  const bytes = readFileSync(file).length;

  // MemorySecretStore holding one secret per token, so Vault.open's reconcile (one keychain call
  // in the app, untimed here) finds every token present. list() itself never reads a secret;
  // the real-keychain cost of listing is not what this figure measures.
  const secrets = new core.MemorySecretStore();
  for (const t of tokens) await secrets.set(`${vaultId}:${t.id}`, `secret-${t.id}`);
  let secretReads = 0;
  const counting = {
    get: (a) => (secretReads++, secrets.get(a)),
    set: (a, s) => secrets.set(a, s),
    delete: (a) => secrets.delete(a),
    accounts: () => (secretReads++, secrets.accounts()),
  };
  const vault = await core.Vault.open({ dir, secrets: counting });
  secretReads = 0;

  // Cold: the file changed since the last read (new mtime), so list() reads and parses it again,
  // as a fresh CLI process or the app after a CLI write does. Warm: unchanged file, cached.
  let tick = 0;
  const touch = () => {
    const t = new Date(Date.UTC(2030, 0, 1) + ++tick * 1000);
    utimesSync(file, t, t);
  };
  const tasks = {
    cold: async () => {
      touch();
      const t = now();
      const list = await vault.list();
      const ms = now() - t;
      if (list.length !== tokens.length) throw new Error(`vault.list() gave ${list.length} tokens`);
      return ms;
    },
    warm: async () => {
      await vault.list();
      const t = now();
      const list = await vault.list();
      const ms = now() - t;
      if (list.length !== tokens.length) throw new Error(`vault.list() gave ${list.length} tokens`);
      return ms;
    },
    bare: async () => {
      touch();
      const t = now();
      const data = JSON.parse(await fs.readFile(file, 'utf8'));
      const ms = now() - t;
      if (data.tokens.length !== tokens.length) throw new Error('bare read failed');
      return ms;
    },
  };
  log('  vault.list() of 10,000 tokens: cold (file changed), warm, bare readFile+JSON.parse');
  const v = await interleaved(tasks, { warmup: 3, reps: reps.vault, budgetMs: 15_000 });
  const m = (xs) => summary(xs).median;
  return {
    seconds: (now() - t0) / 1000,
    tokens,
    series: {
      'vault.list() cold, 10k tokens': summary(v.cold),
      'vault.list() warm (cached), 10k tokens': summary(v.warm),
      'bare readFile + JSON.parse of vault.json': summary(v.bare),
    },
    checks: { vaultJsonBytes: bytes, keychainCallsDuringList: secretReads },
    rows: [
      {
        id: '3a',
        what: 'vault.list() 10k tokens, file changed (ms)',
        value: m(v.cold),
        unit: 'ms',
        target: { max: 50 },
        detail: `${(bytes / 1e6).toFixed(1)} MB vault.json; ${secretReads} keychain calls during all lists`,
      },
      {
        id: '3b',
        what: 'vault.list() cold / bare readFile+JSON.parse',
        a: m(v.cold),
        b: m(v.bare),
      },
      { id: '3c', what: 'vault.list() warm, cached (ms)', value: m(v.warm), unit: 'ms' },
    ],
  };
}
