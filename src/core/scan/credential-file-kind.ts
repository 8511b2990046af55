import type { SweepFormat } from '../../shared/types';

/**
 * Folders a sweep does not enter unless asked (`--all`): dependency trees, build output and
 * virtualenvs hold thousands of files that are nobody's own config, and copies of packages' own
 * example files would only be noise. `.git` is never entered: nothing in it is a config by name.
 */
export const DEFAULT_SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  'target',
  'build',
  'dist',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.nox',
  '.yarn',
  '.gradle',
]);

export const NEVER_ENTERED_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn']);

/** `~/.m2/repository`: Maven's download cache, the size of a node_modules. */
export function isSkippedDir(name: string, parentName: string, all: boolean): boolean {
  if (NEVER_ENTERED_DIRS.has(name)) return true;
  if (all) return false;
  return DEFAULT_SKIPPED_DIRS.has(name) || (name === 'repository' && parentName === '.m2');
}

const BY_NAME: Readonly<Record<string, SweepFormat>> = {
  '.npmrc': 'npmrc',
  npmrc: 'npmrc',
  '.yarnrc.yml': 'yarnrc',
  '.netrc': 'netrc',
  _netrc: 'netrc',
  'pip.conf': 'pip',
  'pip.ini': 'pip',
  '.pypirc': 'pypirc',
  'gradle.properties': 'gradle',
  '.env': 'env',
  'auth.json': 'composer',
};

/**
 * The format a file can hold credentials in, judged by its name (and for Maven by where it is),
 * or null. Only these files are opened: a sweep reads names, not contents, to stay fast.
 * `settings.xml` is Maven's only in `.m2/`, `.mvn/` or beside a `pom.xml`; elsewhere the name is
 * too common (IDEs, Android, …) to mean anything.
 */
export function credentialFormatOf(
  name: string,
  dirName: string,
  siblings: { has(name: string): boolean },
): SweepFormat | null {
  const known = BY_NAME[name];
  if (known) return known;
  if (name.startsWith('.env.')) return 'env';
  // NuGet looks for its file case-insensitively (NuGet.Config, nuget.config, NuGet.config).
  if (name.length === 12 && name.toLowerCase() === 'nuget.config') return 'nuget';
  // Bundler's `config` has a name too common to mean anything outside a `.bundle` folder.
  if (name === 'config' && dirName === '.bundle') return 'bundler';
  if (
    name === 'settings.xml' &&
    (dirName === '.mvn' || dirName === '.m2' || siblings.has('pom.xml'))
  )
    return 'maven';
  return null;
}
