import { promises as fs } from 'node:fs';
import path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { KeyportError } from '../../shared/errors';

const LOCK_NAME = '.keyport.lock';

/**
 * Runs `task` while holding a lock file in `dir`, so the app and any number of CLI processes
 * sharing one data directory never interleave their read-modify-write of the metadata file (a
 * lost update would drop a token's details while its secret stays in the keychain).
 * A lock whose owner process is gone is taken over; a live one is waited for, up to `timeoutMs`.
 * A directory that does not exist yet, or cannot be written at all, runs the task unlocked.
 */
export async function withDirLock<T>(
  dir: string,
  task: () => Promise<T>,
  timeoutMs = 10_000,
): Promise<T> {
  const lock = path.join(dir, LOCK_NAME);
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await fs.open(lock, 'wx', 0o600);
      try {
        await handle.writeFile(String(process.pid));
      } catch (err) {
        // An empty lock would look held forever (no owner to check): never leave one behind.
        await handle.close();
        await fs.rm(lock, { force: true });
        throw err;
      }
      await handle.close();
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // No directory yet, or one nobody can write to (read-only, full, not ours): there is no
      // write to protect, and the task's own writes fail with their proper error if it tries.
      if (
        code === 'ENOENT' ||
        code === 'EROFS' ||
        code === 'EACCES' ||
        code === 'EPERM' ||
        code === 'ENOSPC'
      ) {
        return task();
      }
      if (code !== 'EEXIST') throw err;
      if (await ownerIsGone(lock)) {
        await fs.rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new KeyportError(
          'VAULT_BUSY',
          'Another Keyport (the app or a keyport command) is changing your tokens; try again in a moment.',
        );
      }
      // Back off a little more each time, never long: the holder's work takes milliseconds.
      await wait(Math.min(2 ** attempt, 50));
    }
  }
  try {
    return await task();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

async function ownerIsGone(lock: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(await fs.readFile(lock, 'utf8'));
  } catch {
    // Vanished meanwhile (released): try again at once.
    return true;
  }
  // Written but not yet filled in by its owner: it is alive.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
