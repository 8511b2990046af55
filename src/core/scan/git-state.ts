import path from 'node:path';
import type { GitState } from '../../shared/types';
import { GitIgnore } from './git-ignore';
import { trackedPaths } from './git-index';

/** Runs git in a repository and returns its standard output, or null when git failed. */
export type GitRunner = (repository: string, args: string[]) => Promise<string | null>;

/** Repositories asked at once; each answer is one short-lived git process. */
const PARALLEL_REPOSITORIES = 4;

/**
 * Tells, for files grouped by repository, whether git tracks, ignores or merely sees each one.
 * The index and the ignore files are read in-process (a git process per repository would cost
 * more than the whole walk); a repository whose index this reader does not know (split or sparse
 * index, a worktree) gets one `git ls-files` for all its files, never one per file: with
 * `--cached --others --exclude-standard -t`, tracked files come tagged `H` (or another index tag),
 * untracked ones `?`, and a file that exists but is not listed is ignored. Files outside any
 * repository are `none`; `unknown` when git could not tell.
 */
export async function gitStates(
  files: Array<{ file: string; repository: string | null }>,
  options: { run?: GitRunner; globalExcludes?: string | null } = {},
): Promise<Map<string, GitState>> {
  const run = options.run ?? runGit;
  const states = new Map<string, GitState>();
  const byRepository = new Map<string, string[]>();
  for (const { file, repository } of files) {
    if (repository === null) states.set(file, 'none');
    else byRepository.set(repository, [...(byRepository.get(repository) ?? []), file]);
  }
  const work = [...byRepository];
  const next = async (): Promise<void> => {
    for (let item = work.pop(); item; item = work.pop()) {
      const [repository, inRepo] = item;
      const relative = inRepo.map((f) => path.relative(repository, f).split(path.sep).join('/'));
      const tracked = trackedPaths(repository);
      if (tracked !== null) {
        const ignore = GitIgnore.load(repository, options.globalExcludes ?? null);
        for (let i = 0; i < inRepo.length; i++) {
          const rel = relative[i]!;
          states.set(
            inRepo[i]!,
            tracked.has(rel) ? 'tracked' : ignore.ignores(rel) ? 'ignored' : 'untracked',
          );
        }
        continue;
      }
      const out = await run(repository, [
        '--literal-pathspecs',
        'ls-files',
        '-z',
        '-t',
        '--cached',
        '--others',
        '--exclude-standard',
        '--',
        ...relative,
      ]);
      const listed = out === null ? null : parseTagged(out);
      inRepo.forEach((file, i) => {
        const tag = listed?.get(relative[i]!);
        states.set(
          file,
          listed === null
            ? 'unknown'
            : tag === undefined
              ? 'ignored'
              : tag === '?'
                ? 'untracked'
                : 'tracked',
        );
      });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_REPOSITORIES }, next));
  return states;
}

/** `T path\0` records of `ls-files -t -z` → path → tag. */
function parseTagged(out: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const record of out.split('\0')) {
    if (record.length > 2) tags.set(record.slice(2), record[0]!);
  }
  return tags;
}

/** Variables that would point git at another repository than the one asked (set in git hooks). */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

/** git in the given work tree, without a pager, a prompt or an optional lock on the index. */
const runGit: GitRunner = async (repository, args) => {
  const { execFile } = await import('node:child_process');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', repository, ...args],
      { env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000, encoding: 'utf8' },
      (err, stdout) => resolve(err ? null : stdout),
    );
  });
};
