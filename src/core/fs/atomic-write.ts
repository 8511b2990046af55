import { randomHex } from '../random-hex';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** File mode for the result. */
  mode: number;
  /**
   * Owner and group for the result (those of the file it replaces): the rename puts a new inode
   * in place, which would otherwise belong to whoever runs Keyport (root, under sudo).
   */
  owner?: { uid: number; gid: number };
}

/**
 * Replaces `file` so that a crash at any instant leaves either the old or the new content:
 * write a temp file in the same directory (same filesystem, so rename is atomic), fsync it,
 * rename it over the target, then fsync the directory so the rename itself is durable.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const dir = path.dirname(file);
  await sweepStaleTemps(dir, path.basename(file));
  const temp = path.join(dir, `.${path.basename(file)}.${randomHex(6)}.tmp`);
  const handle = await fs.open(temp, 'wx', options.mode);
  try {
    try {
      await handle.writeFile(data);
      if (options.owner) await keepOwner(handle, options.owner);
      // The umask may have narrowed the mode given to open(); set it exactly (after chown, which
      // may clear some bits).
      await handle.chmod(options.mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

async function keepOwner(
  handle: fs.FileHandle,
  owner: NonNullable<AtomicWriteOptions['owner']>,
): Promise<void> {
  const stat = await handle.stat();
  if (stat.uid === owner.uid && stat.gid === owner.gid) return;
  try {
    await handle.chown(owner.uid, owner.gid);
  } catch (err) {
    // Only root may give a file away: tagged, so the caller can say why nothing was written.
    throw Object.assign(err as Error, { ownerNotKept: true });
  }
}

/** Whether writeFileAtomic failed because the replaced file's owner or group could not be kept. */
export function isOwnerNotKept(err: unknown): boolean {
  return (err as { ownerNotKept?: unknown } | null)?.ownerNotKept === true;
}

/**
 * A writer killed between creating its temp file and renaming it leaves the temp file behind,
 * and for config files that copy holds a secret: remove any earlier ones before writing again.
 */
async function sweepStaleTemps(dir: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${escapeRegExp(base)}\\.[0-9a-f]{12}\\.tmp$`);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names.filter((n) => pattern.test(n)).map((n) => fs.rm(path.join(dir, n), { force: true })),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) and filesystems cannot fsync a directory; the rename still happened.
  } finally {
    await handle?.close();
  }
}
