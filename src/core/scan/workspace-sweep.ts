import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import { maskSecret } from '../../shared/mask';
import type {
  ScanLevel,
  SweepFinding,
  SweepFormat,
  SweepProblem,
  SweepResult,
  TokenMeta,
} from '../../shared/types';
import type { PathEnvironment } from '../paths';
import { isReference } from '../../shared/references';
import type { Vault } from '../vault/vault';
import { findEnvCredentials, NPM_VARIABLES } from './env-credentials';
import type { FoundCredential } from './find-credentials';
import { globalExcludesFile } from './git-ignore';
import { gitStates, type GitRunner } from './git-state';
import { scanLocations } from './scan-locations';
import { markWinners } from './sweep-precedence';
import { scanText } from './scan-text';
import {
  enclosingRepository,
  walkWorkspace,
  type WalkCounts,
  type WalkPace,
} from './workspace-walker';

/** Config files are small; something bigger is not one, and reading it would stall the sweep. */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

export interface SweepOptions {
  /** Folders to walk; none reads only the user-level files. */
  dirs: string[];
  /** Also read the user-level (and npm's global) files. */
  user: boolean;
  /** Enter node_modules, vendor, build output and virtualenvs too. */
  all?: boolean;
  signal?: AbortSignal;
  onProgress?: (counts: WalkCounts) => void;
  pace?: WalkPace;
}

/** A file to read, with how it came to be read. */
export interface SweepFile {
  file: string;
  format: SweepFormat;
  level: ScanLevel;
  repository: string | null;
}

/** What the sweep keeps in this process for a finding: its value, for --verify and import. */
export interface HeldFinding {
  finding: SweepFinding;
  value: string;
  /** The npm registry the file sends this token to, when it says so: the only place to verify it. */
  verifyAt: string | null;
}

/**
 * Sweeps folders (and the user-level files) for plaintext registry credentials: walks, reads the
 * files whose names can hold them, finds each value with the format's own reader, and tells for
 * each whether its client uses it, whether git tracks the file and whether Keyport holds it.
 * Values stay in this object (for --verify and import); findings carry masks only.
 */
export class WorkspaceSweep {
  private readonly held = new Map<string, HeldFinding>();

  constructor(
    private readonly vault: Vault,
    private readonly paths: PathEnvironment & { nodeExecPath: string },
    private readonly runGit?: GitRunner,
  ) {}

  async sweep(options: SweepOptions): Promise<SweepResult> {
    const problems: SweepProblem[] = [];
    const files: SweepFile[] = [];
    const stats = { folders: 0, files: 0 };
    const userOrder: string[] = [];
    if (options.user) {
      for (const location of await scanLocations(this.paths)) {
        const real = await fs.realpath(location.file).catch(() => null);
        if (real === null) continue;
        userOrder.push(real);
        files.push({
          file: real,
          format: location.format,
          level: location.level,
          repository: await enclosingRepository(path.dirname(real)),
        });
      }
    }
    for (const dir of options.dirs) {
      const walked = await walkWorkspace(dir, {
        ...(options.all ? { all: true } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.pace ? { pace: options.pace } : {}),
        ...(options.onProgress
          ? {
              onProgress: (c: WalkCounts) =>
                options.onProgress!({
                  folders: stats.folders + c.folders,
                  files: stats.files + c.files,
                }),
            }
          : {}),
      });
      stats.folders += walked.counts.folders;
      stats.files += walked.counts.files;
      problems.push(...walked.problems);
      for (const c of walked.candidates) files.push({ ...c, level: 'project' });
    }
    const findings = await this.read(dedupe(files), userOrder, problems, options.signal);
    return { findings, problems, stats };
  }

  /** Reads these files again (e.g. those a previous process's sweep named) and finds their credentials. */
  rescan(files: SweepFile[]): Promise<SweepFinding[]> {
    return this.read(dedupe(files), [], []);
  }

  /** The value and pairing behind a finding of this process's last sweep or rescan. */
  heldFinding(id: string): HeldFinding | undefined {
    return this.held.get(id);
  }

  private async read(
    files: SweepFile[],
    userOrder: string[],
    problems: SweepProblem[],
    signal?: AbortSignal,
  ): Promise<SweepFinding[]> {
    // Loaded on the first sweep: the format readers (ini, the XML editors) and crypto cost every
    // other command's start-up.
    const { createHash } = await import('node:crypto');
    const formatReader = files.some((f) => f.format !== 'env')
      ? await import('./find-credentials')
      : undefined;
    const rows: Array<{ finding: SweepFinding; value: string; verifyAt: string | null }> = [];
    /** `${NPM_TOKEN}`-style references in .npmrc/.yarnrc.yml, by folder: they pair .env values. */
    const references = new Map<string, string>();
    for (const source of files) {
      if (signal?.aborted) throw new KeyportError('CANCELLED', 'The scan was cancelled.');
      const read = readConfigText(source.file, source.format, source.level !== 'project');
      if (read === null) continue;
      if ('problem' in read) {
        problems.push({ path: source.file, reason: read.problem });
        continue;
      }
      const text = read.text;
      const found: FoundCredential[] =
        source.format === 'env'
          ? findEnvCredentials(text)
          : formatReader!.findCredentials(source.format, text);
      const registries = source.format === 'npmrc' ? npmrcRegistries(text) : new Map();
      for (const f of found) {
        const key = keyOf(source.format, f);
        const registry =
          source.format === 'npmrc' && f.registry
            ? (registries.get(f.registry) ?? f.registry)
            : f.registry;
        const referenced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(f.value.trim())?.[1];
        if (isReference(f.value)) {
          if (referenced && registry && isBearerKey(source.format, key)) {
            references.set(`${path.dirname(source.file)}\0${referenced}`, registry);
          }
          continue;
        }
        const finding: SweepFinding = {
          id: createHash('sha256')
            .update(`${source.file}\0${f.line}\0${source.format}\0${key}`)
            .digest('hex')
            .slice(0, 16),
          format: source.format,
          file: source.file,
          level: source.level,
          line: f.line,
          key,
          entry: f.entry,
          masked: maskSecret(f.value),
          registry,
          ...(f.serverId ? { serverId: f.serverId } : {}),
          ...(f.source ? { source: f.source } : {}),
          tokenId: null,
          wins: true,
          git: 'none',
          repository: source.repository,
        };
        rows.push({
          finding,
          value: f.value,
          verifyAt: isBearerKey(source.format, key) ? registry : null,
        });
      }
    }
    // A .env value is sent where an .npmrc or .yarnrc.yml in the same folder sends
    // `${THAT_VARIABLE}`; nowhere else (not to npm's default registry, not to a guess).
    for (const row of rows) {
      const { finding } = row;
      if (finding.format !== 'env' || !NPM_VARIABLES.has(finding.key.toUpperCase())) continue;
      row.verifyAt = references.get(`${path.dirname(finding.file)}\0${finding.key}`) ?? null;
    }
    const findings = rows.map((r) => r.finding);
    markWinners(findings, userOrder);
    const git = await gitStates(findings, {
      ...(this.runGit ? { run: this.runGit } : {}),
      globalExcludes: globalExcludesFile(this.paths.env, this.paths.home),
    });
    for (const f of findings) f.git = git.get(f.file) ?? 'none';
    await this.matchVault(rows);
    for (const row of rows) this.held.set(row.finding.id, row);
    return findings;
  }

  /** "Already in Keyport": compared by keyed hash, so only when the vault holds fingerprints at all. */
  private async matchVault(rows: Array<{ finding: SweepFinding; value: string }>): Promise<void> {
    if (rows.length === 0) return;
    const tokens = await this.vault.list();
    const byFingerprint = new Map<string, TokenMeta>();
    for (const t of tokens)
      if (t.fingerprint && t.status === 'ok') byFingerprint.set(t.fingerprint, t);
    if (byFingerprint.size === 0) return;
    for (const row of rows) {
      row.finding.tokenId = byFingerprint.get(await this.vault.fingerprint(row.value))?.id ?? null;
    }
  }
}

/** The same file reached twice (a swept folder holds a user-level file) is read once, as user-level. */
function dedupe(files: SweepFile[]): SweepFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.file) && seen.add(f.file));
}

/**
 * A config file's text, or why it was not read (synchronously: small files, read one after the
 * other, cost less than a thread-pool round trip each). Swept files are opened without following a link
 * (the walker saw a regular file; a swap for a link since then is refused) and without blocking
 * (a FIFO put there would hang the sweep); user-level files may be links, as dotfile managers make.
 */
function readConfigText(
  file: string,
  format: string,
  followLinks: boolean,
): { text: string } | { problem: SweepProblem['reason'] } | null {
  const flags =
    constants.O_RDONLY |
    (constants.O_NONBLOCK ?? 0) |
    (followLinks ? 0 : (constants.O_NOFOLLOW ?? 0));
  let fd: number;
  try {
    fd = openSync(file, flags);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return { problem: code === 'ELOOP' ? 'symlink-outside' : 'unreadable' };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: 'not-regular' };
    if (stat.size > MAX_CONFIG_BYTES) return { problem: 'too-large' };
    return { text: scanText(readFileSync(fd), file, format) };
  } catch {
    return { problem: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

/** The key a client looks the value up by, as people name it (shown, and used for precedence). */
function keyOf(format: SweepFormat, f: FoundCredential): string {
  if (f.key) return f.key;
  if (format === 'maven' && f.serverId) return `server ${f.serverId}`;
  if (format === 'nuget' && f.source) return `source ${f.source}`;
  if (format === 'netrc' && f.registry) return `machine ${new URL(f.registry).host}`;
  const field = /^\s*([^\s=:]+)/.exec(f.entry)?.[1] ?? 'value';
  if (format === 'yarnrc') return f.registry ? `${f.registry} ${field}` : field;
  return field;
}

/** Entries whose value an npm registry accepts as `Authorization: Bearer` (what whoami checks). */
function isBearerKey(format: SweepFormat, key: string): boolean {
  if (format === 'npmrc') return /(^|:)_authToken$/.test(key);
  if (format === 'yarnrc') return key.endsWith('npmAuthToken');
  return format === 'env' && NPM_VARIABLES.has(key.toUpperCase());
}

/**
 * `registry=` and `@scope:registry=` URLs in an .npmrc, by the `https:`-prefixed nerf dart the
 * scanner gives an `_authToken` line: the file's own scheme (http for a local registry) wins.
 */
function npmrcRegistries(text: string): Map<string, string> {
  const urls = new Map<string, string>();
  for (const m of text.matchAll(/^[ \t]*(?:@[^:\s=]+:)?registry[ \t]*=[ \t]*["']?([^\s"']+)/gm)) {
    try {
      const url = new URL(m[1]!);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      const dir = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
      urls.set(`https://${url.host}${dir}`, `${url.protocol}//${url.host}${dir}`);
    } catch {
      // Not a URL: npm would not use it either.
    }
  }
  return urls;
}
