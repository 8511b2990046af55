import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleChildScript } from '../../support/child-bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../../src/core/registries/http-transport';
import { NpmTokenApi } from '../../../src/core/registries/npm-token-api';
import { KEYCHAIN_SERVICE, openCore, type Core } from '../../../src/core/open-core';
import { KeyringSecretStore } from '../../../src/core/vault/keyring-secret-store';
import { METADATA_FILE } from '../../../src/core/vault/metadata-file';
import { KeyportError } from '../../../src/shared/errors';
import { startNpmLikeServer, type Fault, type NpmLikeServer } from '../../support/npm-like-server';

/**
 * Faults through the real service (RegistryFlows via openCore, the real Secret Service from
 * with-keyring.mjs, real files): a clear KeyportError, the metadata file byte for byte as before
 * (or the new one), no token lost, no orphan in the keychain. Every scenario runs TRIALS times
 * and prints its tally for docs/security.md.
 */
const root = path.resolve(__dirname, '../../..');
const USER = 'fault-user';
const PASSWORD = 'fault-password-1';
const base = mkdtempSync(path.join(os.tmpdir(), 'keyport-faults-'));
const tally: string[] = [];
afterAll(() => {
  console.log(`faults:\n  ${tally.join('\n  ')}`);
  rmSync(base, { recursive: true, force: true });
});

let dirCount = 0;
function freshDir(name: string): string {
  const dir = path.join(base, `${name}-${dirCount++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<KeyportError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof KeyportError) return err;
    throw new Error(`expected a KeyportError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected a failure, but the call succeeded');
}

const keychain = new KeyringSecretStore(KEYCHAIN_SERVICE);

/** What must not change across a failed call: the metadata bytes and this vault's keychain entries. */
async function snapshot(core: Core) {
  const file = path.join(core.vault.dir, METADATA_FILE);
  const vaultId = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { vaultId: string }).vaultId
    : '';
  return {
    bytes: existsSync(file) ? readFileSync(file, 'utf8') : null,
    accounts: (await keychain.accounts())
      .filter((a) => vaultId && a.startsWith(`${vaultId}:`))
      .sort(),
  };
}

describe('registry faults through the service', () => {
  let server: NpmLikeServer;
  let core: Core;
  let accountId = '';
  const transport = createHttpTransport({ env: {} });

  beforeAll(async () => {
    server = await startNpmLikeServer({ users: { [USER]: PASSWORD } });
    core = await openCore({
      access: { mode: 'cli' },
      version: 'faults',
      dataDir: freshDir('registry'),
      // Real client and transport; a short deadline and no retries keep the test quick.
      clientFor: (registry) =>
        new NpmTokenApi({ registry, transport: transport.fetch, timeoutMs: 400, retries: 0 }),
    });
    accountId = (
      await core.service.registries.signIn({
        registry: server.url,
        username: USER,
        password: PASSWORD,
      })
    ).id;
  });
  afterAll(async () => {
    await core?.close();
    await transport.close();
    await server?.stop();
  });

  const TRIALS = 5;
  const create = () =>
    core.service.registries.create({
      accountId,
      label: 'fault',
      request: { kind: 'legacy', readonly: true, cidr: [] },
      password: PASSWORD,
    });
  const cases: [string, Fault | 'down', () => Promise<unknown>, string][] = [
    ['5xx on create', { kind: 'status', status: 503 }, create, 'REGISTRY_ERROR'],
    [
      '5xx on list',
      { kind: 'status', status: 500 },
      () => core.service.registries.listRemote({ accountId }),
      'REGISTRY_ERROR',
    ],
    ['garbage body on create', { kind: 'non-json' }, create, 'REGISTRY_BAD_RESPONSE'],
    [
      'garbage JSON shape on create',
      { kind: 'status', status: 200, body: '{"objects":7}' },
      create,
      'REGISTRY_BAD_RESPONSE',
    ],
    [
      'connection reset mid-body on create',
      { kind: 'reset-mid-body' },
      create,
      'REGISTRY_UNREACHABLE',
    ],
    [
      'connection reset mid-body on list',
      { kind: 'reset-mid-body' },
      () => core.service.registries.listRemote({ accountId }),
      'REGISTRY_UNREACHABLE',
    ],
    ['slow (hangs past the deadline) on create', { kind: 'hang' }, create, 'REGISTRY_TIMEOUT'],
    [
      'slow on sign-in',
      { kind: 'hang' },
      () =>
        core.service.registries.signIn({
          registry: server.url,
          username: USER,
          password: PASSWORD,
        }),
      'REGISTRY_TIMEOUT',
    ],
  ];
  for (const [name, fault, call, code] of cases) {
    it(`${name}: ${code}, nothing stored or lost (${TRIALS} trials)`, async () => {
      for (let i = 0; i < TRIALS; i++) {
        const before = await snapshot(core);
        if (fault !== 'down') server.failNext({}, fault);
        const err = await failure(call());
        expect(err.code).toBe(code);
        expect(err.message).not.toContain(PASSWORD);
        expect(await snapshot(core)).toEqual(before);
      }
      tally.push(`${name}: ${TRIALS}/${TRIALS} ${code}, vault and keychain unchanged`);
    });
  }

  it(`registry down (closed port): REGISTRY_UNREACHABLE, nothing stored (${TRIALS} trials)`, async () => {
    const gone = await startNpmLikeServer({ users: { [USER]: PASSWORD } });
    await gone.stop();
    for (let i = 0; i < TRIALS; i++) {
      const before = await snapshot(core);
      const err = await failure(
        core.service.registries.signIn({ registry: gone.url, username: USER, password: PASSWORD }),
      );
      expect(err.code).toBe('REGISTRY_UNREACHABLE');
      expect(err.details?.code).toBe('ECONNREFUSED');
      expect(await snapshot(core)).toEqual(before);
    }
    tally.push(`registry down: ${TRIALS}/${TRIALS} REGISTRY_UNREACHABLE (ECONNREFUSED), unchanged`);
  });
});

/** One child script, bundled once, for what must happen in another process. */
const CHILD = `
import { promises as fs } from 'node:fs';
import { openCore, KEYCHAIN_SERVICE } from './src/core/open-core';
import { KeyringSecretStore } from './src/core/vault/keyring-secret-store';
import { MemorySecretStore } from './src/core/vault/secret-store';
import { Vault } from './src/core/vault/vault';
import { planWrite, applyWrite } from './src/core/configs/config-writer';
const [mode, dir, secret] = process.argv.slice(2);
const say = (v) => process.stdout.write(JSON.stringify(v) + '\\n');
const fail = (err) => say({ code: err && err.code, name: err && err.name, message: String(err && err.message) });
const add = (service) => service.addToken({ label: 'child', registry: 'https://r.example/', ecosystem: 'npm', secret });
try {
  if (mode === 'open-add') {
    const core = await openCore({ access: { mode: 'cli' }, version: 'child', dataDir: dir });
    say({ ok: (await add(core.service)).id });
  } else if (mode === 'keychain-get') {
    say({ ok: await new KeyringSecretStore(KEYCHAIN_SERVICE).get('keyport-test:absent') });
  } else if (mode === 'memory-add') {
    const vault = await Vault.open({ dir, secrets: new MemorySecretStore() });
    say({ ok: (await vault.add({ label: 'c', registry: 'https://r.example/', ecosystem: 'npm', secret, origin: 'pasted' })).id });
  } else if (mode === 'config-write') {
    const plan = await planWrite({ format: 'npmrc', file: dir + '/.npmrc', registry: 'https://registry.npmjs.org/', secret });
    await applyWrite(plan);
    say({ ok: true });
  } else if (mode === 'stop-before-keychain' || mode === 'stop-after-keychain') {
    const real = new KeyringSecretStore(KEYCHAIN_SERVICE);
    const secrets = {
      get: (a) => real.get(a), delete: (a) => real.delete(a), accounts: () => real.accounts(),
      set: async (a, s) => {
        // Only a token's entry (vaultId:id); the vault's fingerprint key (vaultId/…) passes.
        if (a.includes('/')) return real.set(a, s);
        if (mode === 'stop-after-keychain') await real.set(a, s);
        say({ at: mode });
        setInterval(() => {}, 1000);
        await new Promise(() => {});
      },
    };
    const core = await openCore({ access: { mode: 'cli' }, version: 'child', dataDir: dir, secrets });
    await add(core.service);
  } else if (mode === 'add-loop') {
    const core = await openCore({ access: { mode: 'cli' }, version: 'child', dataDir: dir });
    say({ ready: true });
    for (let i = 0; ; i++) {
      const t = await core.service.addToken({ label: 'l' + i, registry: 'https://r.example/', ecosystem: 'npm', secret: secret + i });
      if (i % 2) await core.service.removeToken(t.id);
    }
  }
} catch (err) { fail(err); }
process.exit(0);
`;

let bundle = '';
let bundleDir = '';
// rmSync removes the node_modules symlink itself, never what it points to.
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyport-faults-bundle-'));
  bundleDir = dir;
  chmodSync(dir, 0o755);
  bundle = path.join(dir, 'fault-child.mjs');
  await bundleChildScript(CHILD, bundle, { external: ['@napi-rs/keyring'] });
  // The keychain binding is resolved from the repository's node_modules.
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  spawnSync('ln', ['-s', path.join(root, 'node_modules'), path.join(dir, 'node_modules')]);
});

function runChild(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; asNobody?: boolean } = {},
): { code?: string; ok?: unknown; message?: string } {
  const command = options.asNobody ? 'runuser' : process.execPath;
  const argv = options.asNobody
    ? ['-u', 'nobody', '--', process.execPath, bundle, ...args]
    : [bundle, ...args];
  const res = spawnSync(command, argv, {
    encoding: 'utf8',
    env: options.env ?? process.env,
    timeout: 30_000,
  });
  const line = res.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { code?: string };
  } catch {
    throw new Error(
      `child said ${JSON.stringify(res.stdout)} ${res.stderr} (signal ${res.signal})`,
    );
  }
}

const SECRET = 'kp-test-fault-secret-00001';

describe('keychain faults', () => {
  it('no Secret Service: KEYCHAIN_UNAVAILABLE, nothing written (3 trials)', () => {
    for (let i = 0; i < 3; i++) {
      const dir = freshDir('nodbus');
      const result = runChild(['open-add', dir, SECRET], {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(base, 'no-bus')}` },
      });
      expect(result.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(existsSync(path.join(dir, METADATA_FILE))).toBe(false);
    }
    tally.push('no Secret Service: 3/3 KEYCHAIN_UNAVAILABLE, no file written');
  });

  it('no Secret Service: a read fails as unavailable, never a silent kernel-keyring "not found"', () => {
    // Unpinned, @napi-rs/keyring falls back to the kernel keyring here and answers null; the
    // store pins Linux to the Secret Service (see keyring-secret-store.ts).
    const result = runChild(['keychain-get', freshDir('nodbus-get'), SECRET], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(base, 'no-bus')}` },
    });
    expect(result.code).toBe('KEYCHAIN_UNAVAILABLE');
    const present = runChild(['keychain-get', freshDir('bus-get'), SECRET]);
    expect(present).toEqual({ ok: null });
  });

  it('locked keychain: a second gnome-keyring that was never unlocked', () => {
    const dir = freshDir('locked');
    const data = freshDir('locked-keyring');
    // A fresh bus and daemon started without --unlock: the login collection is locked (or absent).
    const inner = `gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; exec "$@"`;
    const res = spawnSync(
      'dbus-run-session',
      ['--', 'sh', '-c', inner, 'locked', process.execPath, bundle, 'open-add', dir, SECRET],
      { encoding: 'utf8', timeout: 30_000, env: { ...process.env, XDG_DATA_HOME: data } },
    );
    const line = res.stdout.trim().split('\n').pop() ?? '';
    const outcome = res.signal ? `killed after 30 s (${res.signal})` : line;
    tally.push(`locked keychain (second daemon, never unlocked): ${outcome}`);
    expect(res.signal, 'the call must not hang waiting for a prompt').toBeNull();
    const result = JSON.parse(line) as { code?: string; ok?: string };
    // gnome-keyring either refuses (locked / prompt dismissed) or creates and unlocks a new
    // collection without a prompt; in neither case may a half-stored token remain.
    if (result.code) {
      expect(['KEYCHAIN_LOCKED', 'KEYCHAIN_UNAVAILABLE', 'KEYCHAIN_ERROR']).toContain(result.code);
      const file = path.join(dir, METADATA_FILE);
      if (existsSync(file)) {
        expect((JSON.parse(readFileSync(file, 'utf8')) as { tokens: unknown[] }).tokens).toEqual(
          [],
        );
      }
    }
  });
});

describe('file-system faults', () => {
  const isRoot = process.getuid?.() === 0;
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts.reverse()) spawnSync('umount', [m]);
  });

  function tmpfs(name: string, size: string): string {
    const dir = freshDir(name);
    const res = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
    if (res.status !== 0) throw new Error(`mount failed: ${res.stderr}`);
    mounts.push(dir);
    return dir;
  }

  function fill(dir: string): void {
    // Fill every block: a file as large as the mount allows.
    spawnSync('sh', ['-c', `cat /dev/zero > ${dir}/filler 2>/dev/null; true`]);
  }

  it.skipIf(!isRoot)(
    'disk full (ENOSPC, 64 KiB tmpfs): vault add and config write fail clearly, files intact',
    async () => {
      const TRIALS = 5;
      let vaultCodes = '';
      for (let i = 0; i < TRIALS; i++) {
        const data = tmpfs('enospc-data', '64k');
        const core = await openCore({ access: { mode: 'cli' }, version: 'faults', dataDir: data });
        const kept = await core.service.addToken({
          label: 'before full',
          registry: 'https://r.example/',
          ecosystem: 'npm',
          secret: `${SECRET}-kept`,
        });
        const before = await snapshot(core);
        fill(data);
        const err = await failure(
          core.service.addToken({
            label: 'x',
            registry: 'https://r.example/',
            ecosystem: 'npm',
            secret: SECRET,
          }),
        );
        vaultCodes = err.code;
        expect(await snapshot(core)).toEqual(before);
        expect((await core.service.revealToken(kept.id)).secret).toBe(`${SECRET}-kept`);

        const home = tmpfs('enospc-home', '64k');
        const npmrc = path.join(home, '.npmrc');
        writeFileSync(npmrc, 'save-exact=true\n');
        fill(home);
        const plan = await core.service.configs.plan({
          tokenId: kept.id,
          format: 'npmrc',
          file: npmrc,
        });
        const writeErr = await failure(core.service.configs.apply(plan.planId));
        expect(writeErr.code).toBe('CONFIG_WRITE_FAILED');
        expect(writeErr.message).toContain('ENOSPC');
        expect(readFileSync(npmrc, 'utf8')).toBe('save-exact=true\n');
        await core.service.removeToken(kept.id).catch(() => undefined);
        await core.close();
      }
      tally.push(
        `ENOSPC: ${TRIALS}/${TRIALS} vault add → ${vaultCodes}, config write → CONFIG_WRITE_FAILED (ENOSPC); files byte-identical, keychain unchanged`,
      );
      expect(vaultCodes).toBe('VAULT_WRITE_FAILED');
    },
  );

  it.skipIf(!isRoot)(
    'read-only directory (EROFS, read-only tmpfs): clear errors, files intact',
    async () => {
      const data = tmpfs('erofs-data', '1m');
      const core = await openCore({ access: { mode: 'cli' }, version: 'faults', dataDir: data });
      const kept = await core.service.addToken({
        label: 'kept',
        registry: 'https://r.example/',
        ecosystem: 'npm',
        secret: `${SECRET}-ro`,
      });
      const home = tmpfs('erofs-home', '1m');
      const npmrc = path.join(home, '.npmrc');
      writeFileSync(npmrc, 'save-exact=true\n');
      const before = await snapshot(core);
      const plan = await core.service.configs.plan({
        tokenId: kept.id,
        format: 'npmrc',
        file: npmrc,
      });
      for (const dir of [data, home]) {
        expect(spawnSync('mount', ['-o', 'remount,ro', dir]).status).toBe(0);
      }
      try {
        const addErr = await failure(
          core.service.addToken({
            label: 'x',
            registry: 'https://r.example/',
            ecosystem: 'npm',
            secret: SECRET,
          }),
        );
        const writeErr = await failure(core.service.configs.apply(plan.planId));
        expect(writeErr.code).toBe('CONFIG_WRITE_FAILED');
        expect(writeErr.message).toContain('EROFS');
        expect(readFileSync(npmrc, 'utf8')).toBe('save-exact=true\n');
        expect(await snapshot(core)).toEqual(before);
        expect(addErr.code).toBe('VAULT_WRITE_FAILED');
        tally.push(
          `EROFS: vault add → ${addErr.code}, config write → CONFIG_WRITE_FAILED (EROFS); files intact, keychain unchanged`,
        );
      } finally {
        for (const dir of [data, home]) spawnSync('mount', ['-o', 'remount,rw', dir]);
        await core.service.removeToken(kept.id);
        await core.close();
      }
    },
  );

  it.skipIf(!isRoot)('EACCES (a root-owned 0755 directory, written as nobody via runuser)', () => {
    const dir = freshDir('eacces');
    chmodSync(base, 0o755);
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, '.npmrc'), 'save-exact=true\n', { mode: 0o644 });
    const config = runChild(['config-write', dir, SECRET], { asNobody: true });
    expect(config.code).toBe('CONFIG_WRITE_FAILED');
    expect(config.message).toMatch(/EACCES/);
    expect(readFileSync(path.join(dir, '.npmrc'), 'utf8')).toBe('save-exact=true\n');
    const vault = runChild(['memory-add', dir, SECRET], { asNobody: true });
    expect(vault.ok).toBeUndefined();
    expect(existsSync(path.join(dir, METADATA_FILE))).toBe(false);
    tally.push(
      `EACCES (as nobody): config write → ${config.code} (EACCES), vault add → ${vault.code}; nothing written`,
    );
    expect(vault.code).toBe('VAULT_WRITE_FAILED');
  });
});

describe('the owner of a replaced file', () => {
  const isRoot = process.getuid?.() === 0;
  it.skipIf(!isRoot)(
    'a root-owned file in a folder anyone may write, written as nobody: refused, owner and bytes kept',
    () => {
      const dir = freshDir('owner');
      chmodSync(base, 0o755);
      chmodSync(dir, 0o777);
      const file = path.join(dir, '.npmrc');
      writeFileSync(file, 'save-exact=true\n', { mode: 0o666 });
      const config = runChild(['config-write', dir, SECRET], { asNobody: true });
      expect(config.code).toBe('CONFIG_WRITE_FAILED');
      expect(config.message).toBe(
        `${file} belongs to another user or group, which Keyport cannot keep when it writes the file; it wrote nothing.`,
      );
      expect(readFileSync(file, 'utf8')).toBe('save-exact=true\n');
      expect(statSync(file).uid).toBe(0);
      // The temp file that could not be given away is gone too.
      expect(readdirSync(dir)).toEqual(['.npmrc']);
    },
  );
});

describe('a crash between the keychain write and the metadata write', () => {
  const TRIALS = 10;

  for (const mode of ['stop-before-keychain', 'stop-after-keychain'] as const) {
    it(`${mode}: after SIGKILL the next start finishes or drops the add; no orphan, no loss (${TRIALS} trials)`, async () => {
      for (let i = 0; i < TRIALS; i++) {
        const dir = freshDir(mode);
        const secret = `${SECRET}-${mode}-${i}`;
        await new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [bundle, mode, dir, secret], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('"at"')) child.kill('SIGKILL');
          });
          child.on('exit', (_c, signal) =>
            signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended: ${out}`)),
          );
        });
        const core = await openCore({ access: { mode: 'cli' }, version: 'faults', dataDir: dir });
        const tokens = await core.service.listTokens();
        const { accounts } = await snapshot(core);
        if (mode === 'stop-before-keychain') {
          expect(tokens).toEqual([]);
          expect(accounts).toEqual([]);
        } else {
          expect(tokens).toHaveLength(1);
          expect(tokens[0]!.status).toBe('ok');
          expect((await core.service.revealToken(tokens[0]!.id)).secret).toBe(secret);
          await core.service.removeToken(tokens[0]!.id);
        }
        await core.close();
      }
      tally.push(
        mode === 'stop-before-keychain'
          ? `killed after metadata (pending) before keychain: ${TRIALS}/${TRIALS} add dropped on restart, no orphan`
          : `killed after keychain before final metadata: ${TRIALS}/${TRIALS} add completed on restart, secret intact`,
      );
    });
  }

  it('killed at random instants during adds and removes: every record has its secret, every secret its record (30 trials)', async () => {
    const TRIALS_RANDOM = 30;
    const dir = freshDir('random-kill');
    let recovered = 0;
    for (let i = 0; i < TRIALS_RANDOM; i++) {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [bundle, 'add-loop', dir, `${SECRET}-loop${i}-`], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let armed = false;
        child.stdout.on('data', () => {
          if (armed) return;
          armed = true;
          // A random instant within the first few adds: no sleep, the child's work is the clock.
          setImmediate(() => setTimeout(() => child.kill('SIGKILL'), Math.random() * 60));
        });
        child.on('exit', (_c, signal) =>
          signal === 'SIGKILL' ? resolve() : reject(new Error('child ended on its own')),
        );
      });
      const core = await openCore({ access: { mode: 'cli' }, version: 'faults', dataDir: dir });
      const tokens = await core.service.listTokens();
      const { accounts } = await snapshot(core);
      expect(accounts.map((a) => a.split(':')[1]).sort()).toEqual(tokens.map((t) => t.id).sort());
      for (const t of tokens) {
        expect(t.status).toBe('ok');
        if (t.label === 'Recovered token') recovered++;
        await core.service.revealToken(t.id);
      }
      await core.close();
    }
    const core = await openCore({ access: { mode: 'cli' }, version: 'faults', dataDir: dir });
    for (const t of await core.service.listTokens()) await core.service.removeToken(t.id);
    await core.close();
    tally.push(
      `SIGKILL at random instants in add/remove: ${TRIALS_RANDOM}/${TRIALS_RANDOM} consistent after restart (records = keychain entries; adopted orphans: ${recovered})`,
    );
  }, 120_000);
});
