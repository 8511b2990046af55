import { execFile } from 'node:child_process';
import { KeyportError } from '../../shared/errors';

export interface GitSetupRequest {
  /** The git config file to change; absent: git's global one (~/.gitconfig or GIT_CONFIG_GLOBAL). */
  file?: string;
  /** Limit the helper to one URL (`credential.<url>.helper`); absent: every host. */
  url?: string;
  /** The value git runs: `keyport` (git-credential-keyport on PATH) or a `!…` shell command. */
  helper: string;
  env: NodeJS.ProcessEnv;
}

export interface GitSetupResult {
  key: string;
  /** False when the file already named this helper. */
  changed: boolean;
}

/**
 * Adds Keyport as a credential helper through `git config` itself, so git's own parser and
 * writer edit the file (its comments, includes and other sections stay as they were). Other
 * helpers stay too: git asks them in order, and Keyport answers only for hosts in the vault.
 */
export async function setupGitHelper(req: GitSetupRequest): Promise<GitSetupResult> {
  const key = gitHelperKey(req.url);
  const where = req.file ? ['--file', req.file] : ['--global'];
  if (await namesHelper(where, key, req.helper, req.env)) return { key, changed: false };
  await git([...where, '--add', key, req.helper], req.env, false);
  return { key, changed: true };
}

export function gitHelperKey(url?: string): string {
  return url ? `credential.${url}.helper` : 'credential.helper';
}

/** Does the file already name `helper` under `key`? Read by git itself. */
export function gitFileNamesHelper(
  file: string,
  key: string,
  helper: string,
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  return namesHelper(['--file', file], key, helper, env);
}

async function namesHelper(
  where: string[],
  key: string,
  helper: string,
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  const current = await git([...where, '--get-all', key], env, true);
  return current.split('\n').includes(helper);
}

/**
 * The text `git config --add credential.<url>.helper VALUE` leaves, worked out without running
 * it (a preview must not copy the file anywhere: it may hold a secret). git appends the line
 * after the last line of the last `[credential "<url>"]` section, or a new section at the end.
 * test/integration/credential-helpers/helper-setup.test.ts compares it with what git writes.
 */
export function gitHelperAdded(before: string | null, url: string, helper: string): string {
  const text = before ?? '';
  // git writes its own lines with LF whatever the file uses.
  const eol = '\n';
  const line = `\thelper = ${gitValue(helper)}${eol}`;
  const lines = text.split(/(?<=\n)/);
  const header = (l: string) => /^\s*\[/.test(l);
  const ours = (l: string) => {
    const m = /^\s*\[\s*credential\s+"((?:[^"\\]|\\.)*)"\s*\]/i.exec(l);
    return m !== null && m[1]!.replace(/\\(.)/g, '$1') === url;
  };
  const start = lines.findLastIndex(ours);
  if (start === -1) {
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    return `${text}${sep}[credential "${gitSubsection(url)}"]${eol}${line}`;
  }
  let end = start + 1;
  let last = start;
  for (; end < lines.length && !header(lines[end]!); end++) {
    if (!/^\s*([#;].*)?\r?\n?$/.test(lines[end]!)) last = end;
  }
  const head = lines.slice(0, last + 1);
  const lastLine = head[head.length - 1]!;
  if (!lastLine.endsWith('\n')) head[head.length - 1] = lastLine + eol;
  return [...head, line, ...lines.slice(last + 1)].join('');
}

/** A value as git writes it: quoted when spaces at its ends or a comment character need it. */
function gitValue(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return /^\s|\s$|[#;]/.test(value) ? `"${escaped}"` : escaped;
}

function gitSubsection(url: string): string {
  return url.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Every `credential[.<url>].helper` value in a git config file, as git reads it. */
export async function gitCredentialHelpers(
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string | null; helper: string }[]> {
  const out = await git(['--file', file, '--get-regexp', '^credential\\..*helper$'], env, true);
  const found: { url: string | null; helper: string }[] = [];
  for (const row of out.split('\n')) {
    const m = /^credential\.(?:(.*)\.)?helper(?: (.*))?$/.exec(row);
    if (m) found.push({ url: m[1] ?? null, helper: m[2] ?? '' });
  }
  return found;
}

/** The helper value git runs for this installation: a shell command naming node and the bin. */
export function gitHelperCommand(nodePath: string, binPath: string): string {
  return `!${shellQuote(nodePath)} ${shellQuote(binPath)}`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `git config ARGS…`; with `missingOk`, exit 1 (key not set) answers "". */
export function git(args: string[], env: NodeJS.ProcessEnv, missingOk: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['config', ...args], { env, encoding: 'utf8' }, (err, stdout) => {
      // `git config --get-all` exits 1 when the key is not set: that is "none yet".
      if (!err || (missingOk && err.code === 1)) return resolve(stdout);
      reject(
        new KeyportError(
          (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'CONFIG_WRITE_FAILED',
          (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'git is not installed (or not on PATH).'
            : 'git config could not change the file; it was left as it was.',
        ),
      );
    });
  });
}
