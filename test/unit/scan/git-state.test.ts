import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitStates } from '../../../src/core/scan/git-state';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=T', '-c', 'user.email=t@example.test', '-c', 'core.excludesFile=', ...args],
    { cwd, encoding: 'utf8' },
  );
}

/** A repository whose ignore rules use every feature gitignore(5) has. */
function trickyRepository(indexVersion: number) {
  const repo = tempDir('keyport-git-');
  const files = [
    '.npmrc',
    '.env',
    '.env.local',
    'keep/.env',
    'build/.npmrc',
    'a/b/pip.conf',
    'a/deep/b/pip.conf',
    'logs/x/.netrc',
    'docs/.pypirc',
    'docs/sub/.pypirc',
    'nested/.npmrc',
    'nested/inner/.npmrc',
    'sp ace/.npmrc',
    'q1/.npmrc',
    'tracked-ignored/.npmrc',
  ];
  for (const f of files) {
    mkdirSync(path.join(repo, path.dirname(f)), { recursive: true });
    writeFileSync(path.join(repo, f), 'x\n');
  }
  writeFileSync(
    path.join(repo, '.gitignore'),
    [
      '# comment',
      '.env*',
      '!keep/.env',
      'build/',
      '/a/*/pip.conf',
      'logs/**',
      'docs/*.pypirc',
      'sp\\ ace/',
      'q[0-9]/',
      'tracked-ignored/',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(repo, 'nested', '.gitignore'), '.npmrc\n!inner/.npmrc\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '.gitignore', 'nested/.gitignore', '.npmrc', 'docs/sub/.pypirc');
  git(repo, 'add', '-f', 'tracked-ignored/.npmrc');
  git(repo, 'commit', '-q', '-m', 'x');
  git(repo, 'update-index', '--index-version', String(indexVersion));
  return { repo, files: files.map((f) => path.join(repo, f)) };
}

describe('gitStates in-process', () => {
  it.each([2, 3, 4])('agrees with git ls-files for index version %i', async (version) => {
    const { repo, files } = trickyRepository(version);
    const mine = await gitStates(
      files.map((file) => ({ file, repository: repo })),
      { globalExcludes: null },
    );
    // The same question put to git itself, through the fallback path (index "unknown").
    const theirs = await gitStates(
      files.map((file) => ({ file, repository: repo })),
      {
        run: async (cwd, args) => git(cwd, ...args),
        globalExcludes: null,
      },
    ).catch(() => null);
    expect(theirs).not.toBeNull();
    const viaGit = new Map(
      files.map((f) => {
        const rel = path.relative(repo, f);
        const listed = git(
          repo,
          'ls-files',
          '-t',
          '--cached',
          '--others',
          '--exclude-standard',
          '--',
          rel,
        ).trim();
        return [f, listed === '' ? 'ignored' : listed.startsWith('?') ? 'untracked' : 'tracked'];
      }),
    );
    expect(Object.fromEntries(mine)).toEqual(Object.fromEntries(viaGit));
    const counts = [...mine.values()].reduce<Record<string, number>>(
      (c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ tracked: 3, untracked: 3, ignored: 9 });
    expect(mine.get(path.join(repo, 'tracked-ignored/.npmrc'))).toBe('tracked');
    expect(mine.get(path.join(repo, 'keep/.env'))).toBe('untracked');
    expect(mine.get(path.join(repo, 'nested/inner/.npmrc'))).toBe('untracked');
  });
});
