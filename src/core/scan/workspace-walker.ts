import { lstatSync, promises as fs, readdirSync, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import type { SweepFormat, SweepProblem } from '../../shared/types';
import { credentialFormatOf, isSkippedDir } from './credential-file-kind';

export interface WalkOptions {
  /** Also enter node_modules, vendor, build output and virtualenvs. */
  all?: boolean;
  signal?: AbortSignal;
  /** Called now and then with the running counts (for a progress line or bar). */
  onProgress?: (counts: WalkCounts) => void;
  /**
   * The pause between two turns of the walk; by default one turn of the event loop. Whoever
   * runs the walk may hold it longer (the e2e bridge holds it to watch a sweep in flight).
   */
  pace?: WalkPace;
}

/** Resolves when the walk may go on; it must also resolve once `signal` aborts. */
export type WalkPace = (signal?: AbortSignal) => Promise<void>;

const nextTurn: WalkPace = () => new Promise((resolve) => setImmediate(resolve));

export interface WalkCounts {
  folders: number;
  files: number;
}

/** A file whose name says it can hold credentials. */
export interface CandidateFile {
  file: string;
  format: SweepFormat;
  /** The nearest enclosing git work tree (a folder with a `.git` entry), or null. */
  repository: string | null;
}

export interface WalkResult {
  candidates: CandidateFile[];
  problems: SweepProblem[];
  counts: WalkCounts;
}

interface Folder {
  dir: string;
  repository: string | null;
}

/** Folders read between two turns of the event loop, so the app stays responsive and can cancel. */
const FOLDERS_PER_TURN = 64;

/**
 * Walks one folder for files that can hold registry credentials. Every entry is judged by its
 * type as the directory reports it (lstat semantics): a symbolic link is never followed — one that
 * leaves the folder is reported, one inside points at something the walk reaches anyway. Folders
 * on another filesystem (mounts, network shares) are reported and not entered, and a folder that
 * cannot be read is reported; neither stops the walk. The file system calls are synchronous (a
 * round trip through libuv's thread pool per folder cost more than the reads themselves), in
 * slices between which the event loop runs.
 */
export async function walkWorkspace(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const top = await realFolder(root);
  const rootDev = lstatSync(top).dev;
  const result: WalkResult = { candidates: [], problems: [], counts: { folders: 0, files: 0 } };
  const queue: Folder[] = [{ dir: top, repository: await enclosingRepository(top) }];
  const inside = (target: string) => target === top || target.startsWith(top + path.sep);

  const visit = ({ dir, repository: outer }: Folder): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      result.problems.push({ path: dir, reason: 'unreadable' });
      return;
    }
    result.counts.folders++;
    let names: Set<string> | undefined;
    const siblings = {
      has: (name: string) => (names ??= new Set(entries.map((e) => e.name))).has(name),
    };
    const repository = entries.some((e) => e.name === '.git') ? dir : outer;
    const dirName = path.basename(dir);
    for (const entry of entries) {
      // Joined only for what is used: most entries of a folder are neither folders nor candidates.
      const full = dir + path.sep + entry.name;
      let kind = entryKind(entry);
      if (kind === 'unknown') kind = lstatKind(full);
      if (kind === 'dir') {
        if (isSkippedDir(entry.name, dirName, options.all === true)) continue;
        let dev: number;
        try {
          dev = lstatSync(full).dev;
        } catch {
          result.problems.push({ path: full, reason: 'unreadable' });
          continue;
        }
        if (dev !== rootDev) result.problems.push({ path: full, reason: 'other-filesystem' });
        else queue.push({ dir: full, repository });
      } else if (kind === 'link') {
        let target: string | null = null;
        try {
          target = realpathSync(full);
        } catch {
          // A dangling link leads nowhere.
        }
        // A link inside the folder is walked where it points.
        if (target !== null && !inside(target)) {
          result.problems.push({ path: full, reason: 'symlink-outside', target });
        }
      } else {
        result.counts.files++;
        const format = credentialFormatOf(entry.name, dirName, siblings);
        if (format === null) continue;
        if (kind === 'file') result.candidates.push({ file: full, format, repository });
        else result.problems.push({ path: full, reason: 'not-regular' });
      }
    }
  };

  while (queue.length > 0) {
    for (let n = 0; n < FOLDERS_PER_TURN && queue.length > 0; n++) visit(queue.pop()!);
    options.onProgress?.(result.counts);
    if (queue.length > 0) await (options.pace ?? nextTurn)(options.signal);
    if (options.signal?.aborted) throw cancelled();
  }
  // People (and tests) want a stable list, whatever order the folders were read in.
  result.candidates.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  result.problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

type Kind = 'dir' | 'file' | 'link' | 'other' | 'unknown';

function entryKind(entry: Dirent): Kind {
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice())
    return 'other';
  // Some filesystems do not report types in a directory listing (DT_UNKNOWN).
  return 'unknown';
}

function lstatKind(file: string): Kind {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return 'other';
  }
  if (stat.isSymbolicLink()) return 'link';
  if (stat.isDirectory()) return 'dir';
  return stat.isFile() ? 'file' : 'other';
}

async function realFolder(root: string): Promise<string> {
  let real: string;
  try {
    real = await fs.realpath(root);
  } catch {
    throw new KeyportError('INVALID_INPUT', `${root} does not exist or cannot be read.`);
  }
  if (!(await fs.stat(real)).isDirectory()) {
    throw new KeyportError('INVALID_INPUT', `${root} is not a folder.`);
  }
  return real;
}

/** The git work tree a folder is inside, looking upwards (a `.git` folder or file marks it). */
export async function enclosingRepository(dir: string): Promise<string | null> {
  for (let current = dir; ; current = path.dirname(current)) {
    if (
      await fs.lstat(path.join(current, '.git')).then(
        () => true,
        () => false,
      )
    )
      return current;
    if (path.dirname(current) === current) return null;
  }
}

function cancelled(): KeyportError {
  return new KeyportError('CANCELLED', 'The scan was cancelled.');
}
