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
  const key = req.url ? `credential.${req.url}.helper` : 'credential.helper';
  const where = req.file ? ['--file', req.file] : ['--global'];
  const current = await git([...where, '--get-all', key], req.env, true);
  if (current.split('\n').includes(req.helper)) return { key, changed: false };
  await git([...where, '--add', key, req.helper], req.env, false);
  return { key, changed: true };
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
