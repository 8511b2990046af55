// The OS keychain of whatever system runs this: gnome-keyring through scripts/with-keyring.mjs on
// Linux, the login keychain on macOS, Credential Manager on Windows. No platform tool (secret-tool)
// is used, so CI runs this same file on all three (npm run test:keychain).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/open-core';
import { KeyringSecretStore } from '../../src/core/vault/keyring-secret-store';
import { KEYPORT_BIN } from '../support/run-keyport';
import { useTempDirs } from '../support/temp-dir';

const SERVICE = 'keyport-os-keychain-test';
const SECRET = 'kp-test-secret-os-keychain-0123456789';
const tempDir = useTempDirs();

describe('the OS keychain', () => {
  it('stores, reads, lists and deletes through two independent stores', async () => {
    const a = new KeyringSecretStore(SERVICE);
    const b = new KeyringSecretStore(SERVICE);
    const account = randomUUID();
    await a.set(account, 'from-a-ü');
    expect(await b.get(account)).toBe('from-a-ü');
    expect(await b.accounts()).toContain(account);
    await b.set(account, 'from-b');
    expect(await a.get(account)).toBe('from-b');
    expect(await a.delete(account)).toBe(true);
    expect(await b.get(account)).toBeNull();
    expect(await b.delete(account)).toBe(false);
  });

  it('keeps a token in the keychain and only masked metadata on disk; Undo puts it back', async () => {
    const dir = tempDir();
    const { service } = await openCore({ access: { mode: 'cli' }, version: 'test', dataDir: dir });
    const meta = await service.addToken({
      label: 'os keychain',
      registry: 'https://registry.example.test/',
      ecosystem: 'npm',
      secret: SECRET,
    });
    for (const f of readdirSync(dir))
      expect(readFileSync(path.join(dir, f), 'utf8')).not.toContain(SECRET);
    if (process.platform !== 'win32') {
      expect(statSync(path.join(dir, 'vault.json')).mode & 0o777).toBe(0o600);
    }
    expect((await service.revealToken(meta.id)).secret).toBe(SECRET);
    const { undoId } = await service.removeToken(meta.id);
    expect(await service.listTokens()).toEqual([]);
    await service.restoreToken(undoId!);
    expect((await service.revealToken(meta.id)).secret).toBe(SECRET);
    await service.removeToken(meta.id);
  });

  it('the keyport CLI adds, reveals and removes a token', () => {
    const home = tempDir();
    const keyport = (args: string[], input = '') =>
      spawnSync(process.execPath, [KEYPORT_BIN, ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, KEYPORT_HOME: home },
      });
    const add = keyport(
      ['add', '--label', 'cli', '--registry', 'https://r.example.test/', '--token-stdin'],
      `${SECRET}\n`,
    );
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const [token] = JSON.parse(keyport(['list', '--json']).stdout) as { id: string }[];
    expect(keyport(['reveal', token!.id]).stdout).toBe(`${SECRET}\n`);
    expect(keyport(['remove', token!.id]).status).toBe(0);
    expect(keyport(['reveal', token!.id]).status).toBe(2);
  });
});
