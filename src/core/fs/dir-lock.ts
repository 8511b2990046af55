import { randomHex } from '../random-hex';
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
      await acquire(lock);
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
      const dead = await deadOwner(lock);
      if (dead !== null) {
        // Only if it still names that dead owner: another waiter may have taken it over already.
        if ((await ownerPid(lock)) === dead) await fs.rm(lock, { force: true });
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

/**
 * The lock appears with its owner's pid already in it: the pid goes into a private file first,
 * which is then hard-linked to the lock name (atomic, and refused if the lock exists). A writer
 * killed at any instant leaves either no lock or one whose dead owner can be recognised.
 */
async function acquire(lock: string): Promise<void> {
  const mine = `${lock}.${process.pid}.${randomHex(4)}`;
  await fs.writeFile(mine, String(process.pid), { mode: 0o600 });
  try {
    await fs.link(mine, lock);
  } finally {
    await fs.rm(mine, { force: true });
  }
}

async function ownerPid(lock: string): Promise<number | null> {
  try {
    const pid = Number(await fs.readFile(lock, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The lock's owner pid if that process no longer exists; null if it is alive or gone. */
async function deadOwner(lock: string): Promise<number | null> {
  const pid = await ownerPid(lock);
  if (pid === null) return null;
  try {
    process.kill(pid, 0);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH' ? pid : null;
  }
}
