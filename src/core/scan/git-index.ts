import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The paths a repository's index tracks, read from `.git/index` itself (formats 2, 3 and 4):
 * a sweep asks this of dozens of repositories, and a git process each would cost more than the
 * whole walk. Null when the index is something this reader does not know (a split or sparse
 * index, a worktree's `.git` file, an unknown version): the caller asks git then.
 */
export function trackedPaths(repository: string): Set<string> | null {
  const dotGit = path.join(repository, '.git');
  let data: Buffer;
  try {
    if (!lstatSync(dotGit).isDirectory()) return null;
  } catch {
    return null;
  }
  try {
    data = readFileSync(path.join(dotGit, 'index'));
  } catch (err) {
    // A repository without an index has nothing tracked yet.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? new Set() : null;
  }
  return parseIndex(data);
}

export function parseIndex(data: Buffer): Set<string> | null {
  if (data.length < 12 || data.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = data.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = data.readUInt32BE(8);
  const paths = new Set<string>();
  let at = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = at;
    if (at + 62 > data.length) return null;
    const mode = data.readUInt32BE(at + 24);
    const flags = data.readUInt16BE(at + 60);
    at += 62;
    if (flags & 0x4000) {
      if (version < 3) return null;
      at += 2;
    }
    let name: Buffer;
    if (version === 4) {
      // Prefix compression: strip N bytes from the previous name, then a NUL-terminated suffix.
      let strip = 0;
      let byte: number;
      let first = true;
      do {
        if (at >= data.length) return null;
        byte = data[at++]!;
        if (!first) strip += 1;
        strip = (strip << 7) | (byte & 0x7f);
        first = false;
      } while (byte & 0x80);
      const end = data.indexOf(0, at);
      if (end < 0 || strip > previous.length) return null;
      name = Buffer.concat([previous.subarray(0, previous.length - strip), data.subarray(at, end)]);
      at = end + 1;
    } else {
      const end = data.indexOf(0, at);
      if (end < 0) return null;
      name = data.subarray(at, end);
      // Entries are NUL-padded to a multiple of 8 bytes (1 to 8 NULs).
      at = start + Math.ceil((end - start + 1) / 8) * 8;
    }
    previous = name;
    // A sparse index lists whole directories (mode 040000); then it is no list of files.
    if ((mode & 0o170000) === 0o040000) return null;
    paths.add(name.toString('utf8'));
  }
  // Extensions follow the entries: a split index ("link") keeps entries in another file.
  while (at + 8 <= data.length - 20) {
    const signature = data.toString('latin1', at, at + 4);
    if (signature === 'link' || signature === 'sdir') return null;
    at += 8 + data.readUInt32BE(at + 4);
  }
  return paths;
}
