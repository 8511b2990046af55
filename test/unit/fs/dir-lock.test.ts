import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDirLock } from '../../../src/core/fs/dir-lock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('withDirLock', () => {
  it('holds a lock file while the task runs and removes it afterwards, also on failure', async () => {
    const dir = tempDir();
    const lock = path.join(dir, '.keyport.lock');
    await withDirLock(dir, async () => expect(existsSync(lock)).toBe(true));
    expect(existsSync(lock)).toBe(false);
    await expect(withDirLock(dir, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(dir, '.keyport.lock'), String(dead));
    expect(await withDirLock(dir, async () => 'ran')).toBe('ran');
  });

  it('waits for a live holder and gives up with VAULT_BUSY', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.keyport.lock'), String(process.pid));
    await expect(withDirLock(dir, async () => 'ran', 30)).rejects.toMatchObject({
      code: 'VAULT_BUSY',
    });
  });

  it('runs unlocked when the directory does not exist yet', async () => {
    const dir = path.join(tempDir(), 'not-yet');
    expect(await withDirLock(dir, async () => 'ran')).toBe('ran');
  });
});
