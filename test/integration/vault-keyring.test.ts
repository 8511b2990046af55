import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, openCore } from '../../src/core/open-core';

const SECRET = 'kp_test_0123456789abcdefVAULTINTEGRATION';

describe('vault on the real Secret Service', () => {
  it('stores the secret in the keychain and only masked metadata on disk', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keyport-vault-'));
    const { service } = await openCore({ access: { mode: 'cli' }, version: 'test', dataDir: dir });
    const meta = await service.addToken({
      label: 'ci token',
      registry: 'https://registry.example.test/',
      ecosystem: 'npm',
      secret: SECRET,
    });
    expect(meta.masked).toBe('kp_t••••••••TION');
    const found = execFileSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(found).toContain(meta.id);
    for (const f of readdirSync(dir))
      expect(readFileSync(path.join(dir, f), 'utf8')).not.toContain(SECRET);
    expect(statSync(path.join(dir, 'vault.json')).mode & 0o777).toBe(0o600);
    expect((await service.revealToken(meta.id)).secret).toBe(SECRET);
    await service.removeToken(meta.id);
    expect(await service.listTokens()).toEqual([]);
  });

  it('Undo after delete puts the secret back in the keychain under the same id', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keyport-vault-'));
    const { service } = await openCore({ access: { mode: 'cli' }, version: 'test', dataDir: dir });
    const meta = await service.addToken({
      label: 'undo me',
      registry: 'https://registry.example.test/',
      ecosystem: 'npm',
      secret: `${SECRET}-undo`,
    });
    const search = () =>
      execFileSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const { undoId, undoSeconds } = await service.removeToken(meta.id);
    expect(undoId).not.toBeNull();
    expect(undoSeconds).toBe(30);
    expect(search()).not.toContain(meta.id);
    const back = await service.restoreToken(undoId!);
    expect(back.id).toBe(meta.id);
    expect(search()).toContain(meta.id);
    expect((await service.revealToken(meta.id)).secret).toBe(`${SECRET}-undo`);
    await expect(service.restoreToken(undoId!)).rejects.toMatchObject({ code: 'NOTHING_TO_UNDO' });
    await service.removeToken(meta.id);
  });
});
