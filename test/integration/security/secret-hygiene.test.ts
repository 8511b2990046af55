import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
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
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../../src/core/clipboard-guard';
import { createHandlers, dispatch } from '../../../src/core/ipc-handlers';
import { KEYCHAIN_SERVICE, openCore } from '../../../src/core/open-core';
import { KeyportError, toErrorInfo } from '../../../src/shared/errors';
import { startVerdaccio } from '../../support/verdaccio';

/**
 * One scripted session through the real core (real Secret Service from with-keyring.mjs, real
 * Verdaccio, real files under a temp HOME and KEYPORT_HOME), with distinctive values, and then a
 * search of everything Keyport could have left them in. The only stand-in is the clipboard
 * (Electron's cannot run here): MemoryClipboard, which ClipboardGuard must leave empty.
 */
const tag = randomBytes(6).toString('hex');
const PASTED = `kp_hygiene_PASTED_${tag}_0123456789`;
const PASSWORD = `kp-hygiene-PASSWORD-${tag}`;
const USER = `hygiene${tag}`;
const root = path.resolve(__dirname, '../../..');

const base = mkdtempSync(path.join(os.tmpdir(), 'keyport-hygiene-'));
const home = path.join(base, 'home');
const dataDir = path.join(base, 'data');
afterAll(() => rmSync(base, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Everything written to stdout, stderr and console while `run` runs. */
async function capturingOutput(run: () => Promise<void>): Promise<string> {
  const captured: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m]);
  const record = (chunk: unknown): boolean => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  };
  process.stdout.write = record as typeof process.stdout.write;
  process.stderr.write = record as typeof process.stderr.write;
  for (const m of methods)
    console[m] = (...args: unknown[]) => void record(args.map(String).join(' '));
  try {
    await run();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    methods.forEach((m, i) => (console[m] = saved[i]!));
  }
  return captured.join('');
}

async function failureText(promise: Promise<unknown>, code: string): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(KeyportError);
    expect((err as KeyportError).code).toBe(code);
    return `${JSON.stringify(toErrorInfo(err))}\n${String(err)}\n${(err as Error).stack ?? ''}`;
  }
  throw new Error(`expected ${code}`);
}

describe('secret hygiene', () => {
  it('leaves each secret only in the keychain and the config file the user chose', async () => {
    const registry = await startVerdaccio();
    const clipboard = new MemoryClipboard();
    const env = { ...process.env, HOME: home, KEYPORT_HOME: dataDir, USERPROFILE: home };
    const core = await openCore({
      access: { mode: 'cli' },
      version: 'hygiene',
      env,
      home,
      dataDir,
      clipboard,
    });
    const { service } = core;
    const chosen = path.join(home, 'project', '.npmrc');
    const errors: string[] = [];
    const secrets: Record<string, string> = { PASTED, PASSWORD };
    let createdKey = '';

    const logs = await capturingOutput(async () => {
      const pasted = await service.addToken({
        label: 'pasted',
        registry: 'https://registry.example.test/',
        ecosystem: 'npm',
        secret: PASTED,
      });
      const account = await service.registries.signIn({
        registry: registry.url,
        username: USER,
        password: PASSWORD,
      });
      secrets.SESSION = (await service.revealToken(account.id)).secret;
      const created = await service.registries.create({
        accountId: account.id,
        label: 'created',
        request: { kind: 'legacy', readonly: false, cidr: [] },
        password: PASSWORD,
      });
      secrets.CREATED = created.secret;
      createdKey = created.created.key;
      expect((await service.revealToken(created.token!.id)).secret).toBe(created.secret);
      expect((await service.revealToken(pasted.id)).secret).toBe(PASTED);

      await service.copyToken(created.token!.id);
      expect(clipboard.text).toBe(created.secret);
      await core.clipboard!.flush();
      expect(clipboard.text).toBe('');

      const plan = await service.configs.plan({
        tokenId: created.token!.id,
        format: 'npmrc',
        file: chosen,
      });
      await service.configs.apply(plan.planId);

      // The user's own file held the pasted token in plaintext; Keyport puts a reference in its
      // place. Afterwards the value must be on no disk but the keychain's: no backup keeps it.
      const legacy = path.join(home, 'legacy', '.npmrc');
      mkdirSync(path.dirname(legacy), { recursive: true });
      writeFileSync(legacy, `; mine\n//registry.example.test/:_authToken=${PASTED}\n`);
      const toReference = await service.configs.plan({
        tokenId: pasted.id,
        format: 'npmrc',
        file: legacy,
        reference: true,
      });
      await service.configs.apply(toReference.planId);
      expect(readFileSync(legacy, 'utf8')).toMatch(/_authToken=\$\{KEYPORT_/);

      // Errors, each of which has a secret at hand.
      errors.push(
        await failureText(
          service.registries.signIn({
            registry: registry.url,
            username: USER,
            password: `${PASSWORD}-wrong`,
          }),
          'AUTH_FAILED',
        ),
        await failureText(
          service.registries.create({
            accountId: account.id,
            label: 'bad cidr',
            request: { kind: 'legacy', readonly: true, cidr: ['10.0.0.0/33'] },
            password: PASSWORD,
          }),
          'INVALID_CIDR',
        ),
      );
      const other = path.join(home, 'other', '.npmrc');
      mkdirSync(path.dirname(other), { recursive: true });
      const otherPlan = await service.configs.plan({
        tokenId: pasted.id,
        format: 'npmrc',
        file: other,
      });
      writeFileSync(other, 'registry=https://changed.example/\n');
      errors.push(
        await failureText(service.configs.apply(otherPlan.planId), 'CONFIG_CHANGED_ON_DISK'),
      );
      const handlers = createHandlers(service);
      for (const payload of [
        { label: 'x', registry: 'https://r.example/', ecosystem: 'npm', secret: `${PASTED}\n` },
        { label: PASTED, registry: PASTED, ecosystem: PASTED, secret: 42 },
      ]) {
        const refused = await dispatch(handlers, 'vault:add', payload);
        expect(refused.ok).toBe(false);
        errors.push(JSON.stringify(refused));
      }

      const revoked = await service.registries.revoke({
        accountId: account.id,
        keys: [createdKey],
        removeLocal: true,
      });
      expect(revoked.revoked).toEqual([createdKey]);
    });
    await core.close();
    await registry.stop();

    // The keychain holds the pasted and the session token; the revoked one is gone from it.
    const keychain = execFileSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(keychain).toContain(PASTED);
    expect(keychain).toContain(secrets.SESSION);
    expect(keychain).not.toContain(secrets.CREATED);
    expect(keychain).not.toContain(PASSWORD);
    // The chosen file holds the created token (revoked now, and still the user's file to edit).
    expect(readFileSync(chosen, 'utf8')).toContain(secrets.CREATED);
    expect(statSync(chosen).mode & 0o777).toBe(0o600);

    const places: [string, string][] = [
      ['captured stdout/stderr/console', logs],
      ['error messages', errors.join('\n')],
      ['clipboard after the guard cleared it', clipboard.text],
    ];
    const dataFiles = filesUnder(dataDir);
    expect(dataFiles.map((f) => path.basename(f))).toContain('vault.json');
    for (const file of dataFiles) places.push([file, readFileSync(file, 'latin1')]);
    const homeFiles = filesUnder(home).filter((f) => f !== chosen);
    expect(homeFiles.length).toBeGreaterThan(0);
    for (const file of homeFiles) places.push([file, readFileSync(file, 'latin1')]);
    const bundles = filesUnder(path.join(root, 'out'));
    for (const file of bundles) places.push([file, readFileSync(file, 'latin1')]);

    for (const [name, value] of Object.entries(secrets)) {
      for (const [where, text] of places) {
        expect(text.includes(value), `${name} found in ${where}`).toBe(false);
      }
    }
    expect(errors.join('\n')).not.toContain(`${PASSWORD}-wrong`);
  });
});
