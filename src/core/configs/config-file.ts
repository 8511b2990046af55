import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
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

/** Reads a file's bytes, or null when it does not exist yet. */
export async function readBytes(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(err, file);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes strictly: a lossy decode would re-encode other bytes differently, so a file that is not
 * UTF-8 text (or holds NUL, a sign of UTF-16 or binary data) is refused rather than rewritten.
 */
export function decodeConfig(bytes: Buffer, file: string): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new KeyportError(
      'CONFIG_INVALID',
      `${file} is not UTF-8 text; Keyport left it untouched.`,
    );
  }
  if (text.includes('\u0000')) {
    throw new KeyportError(
      'CONFIG_INVALID',
      `${file} contains NUL bytes (binary or UTF-16); Keyport left it untouched.`,
    );
  }
  return text;
}

export function ioError(err: unknown, file: string): KeyportError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
  return new KeyportError('CONFIG_WRITE_FAILED', `Keyport could not access ${file} (${code}).`, {
    errno: code,
  });
}
