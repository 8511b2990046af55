import { createHash } from 'node:crypto';
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';

/** Content hash used to notice that a file changed between preview, write and undo. */
export function hashContent(content: string | Uint8Array | null): string {
  if (content === null) return 'absent';
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The file a write must really change: symlinks are followed (also dangling ones, which point
 * at the file to create) so the link itself stays a link.
 */
export async function resolveConfigPath(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let stat;
    try {
      stat = await fs.lstat(current);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(err, current);
      return path.join(await realDir(path.dirname(current)), path.basename(current));
    }
    if (!stat.isSymbolicLink()) return fs.realpath(current);
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  throw new KeyportError(
    'INVALID_INPUT',
    `${file} is a chain of symbolic links that does not end.`,
  );
}

/** The real path of the nearest existing ancestor, with the missing part appended. */
async function realDir(dir: string): Promise<string> {
  try {
    return await fs.realpath(dir);
  } catch {
    const parent = path.dirname(dir);
    return parent === dir ? dir : path.join(await realDir(parent), path.basename(dir));
  }
}

/** Config files are small; anything bigger is not one (the scanner uses the same cap). */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** What a write must keep of the file it replaces. */
export interface FileFacts {
  mode: number;
  uid: number;
  gid: number;
  /** Hard links: more than 1 means other names share this file. */
  nlink: number;
}

export interface ConfigBytes {
  bytes: Buffer;
  facts: FileFacts;
}

// O_NOFOLLOW: the path was resolved first; a symlink swapped in since is not followed.
// O_NONBLOCK: if a FIFO is swapped in between the check and the open, opening it does not hang.
const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fsConstants;

/**
 * Reads a config file, or returns null when it does not exist yet. Only a regular file is read:
 * a device (/dev/zero), FIFO, socket or folder is refused before it is opened, and again on the
 * opened descriptor (it may have been swapped in between). The read is bounded, so a file that
 * is (or grows) bigger than the cap never grows memory beyond it.
 */
export async function readConfigFile(file: string): Promise<ConfigBytes | null> {
  let before;
  try {
    before = await fs.lstat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(err, file);
  }
  checkKind(before, file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    // ELOOP: a symlink was put there; ENXIO: a socket.
    if (code === 'ELOOP' || code === 'ENXIO') throw notRegular(file);
    throw ioError(err, file);
  }
  try {
    const stat = await handle.stat();
    checkKind(stat, file);
    const bytes = await readBounded(handle, stat.size, file);
    return {
      bytes,
      facts: { mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid, nlink: stat.nlink },
    };
  } catch (err) {
    if (err instanceof KeyportError) throw err;
    throw ioError(err, file);
  } finally {
    await handle.close();
  }
}

function checkKind(stat: Stats, file: string): void {
  if (!stat.isFile()) throw notRegular(file, stat);
  if (stat.size > MAX_CONFIG_BYTES) throw tooLarge(file);
}

/** Reads go past the size fstat gave (or the cap) by one page, to see whether more follows. */
const PAGE = 4096;

/**
 * Reads to the end but never more than a page past the cap: a file that grew past the cap after
 * the size check (or a /proc file that reports size 0) is refused, not read. The buffer starts at
 * the size fstat gave and grows only if the file does, so a small file costs a small buffer.
 */
async function readBounded(handle: fs.FileHandle, size: number, file: string): Promise<Buffer> {
  const limit = MAX_CONFIG_BYTES + PAGE;
  let buffer = Buffer.alloc(Math.min(size + PAGE, limit));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > MAX_CONFIG_BYTES) throw tooLarge(file);
      const grown = Buffer.alloc(Math.min(buffer.length * 2, limit));
      buffer.copy(grown);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  if (length > MAX_CONFIG_BYTES) throw tooLarge(file);
  return buffer.subarray(0, length);
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'a special file';
}

function notRegular(file: string, stat?: Stats): KeyportError {
  const what = stat ? kindOf(stat) : 'not a regular file';
  return new KeyportError(
    'NOT_A_REGULAR_FILE',
    `${file} is ${what}, not a regular file; Keyport reads and writes only regular config files.`,
  );
}

function tooLarge(file: string): KeyportError {
  return new KeyportError(
    'TOO_LARGE',
    `${file} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, too large for a config file; Keyport left it untouched.`,
    { maxBytes: MAX_CONFIG_BYTES, of: 'file' },
  );
}

export function ioError(err: unknown, file: string): KeyportError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
  return new KeyportError('CONFIG_WRITE_FAILED', `Keyport could not access ${file} (${code}).`, {
    errno: code,
  });
}
