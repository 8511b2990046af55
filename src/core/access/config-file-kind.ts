import path from 'node:path';
import type { ConfigFormat } from '../../shared/types';

/**
 * The file names each client reads, as they spell them. A path the user did not pick in a dialog
 * must carry one of these: it keeps a token line out of ~/.bashrc, ~/.profile or a source file.
 */
const FILE_NAMES: Record<ConfigFormat, readonly string[]> = {
  npmrc: ['.npmrc', 'npmrc'],
  maven: ['settings.xml'],
  // NuGet matches its config file name case-insensitively, on every OS.
  nuget: ['nuget.config'],
  netrc: ['.netrc', '_netrc'],
  pip: ['pip.conf', 'pip.ini'],
  pypirc: ['.pypirc'],
  yarnrc: ['.yarnrc.yml'],
  composer: ['auth.json'],
  // `config` alone names too many files (~/.ssh/config): Bundler's is the one in a `.bundle` folder.
  bundler: ['.bundle/config'],
  gradle: ['gradle.properties'],
};

/** True when the file's name is one the format's client reads. */
export function fitsFormat(format: ConfigFormat, file: string): boolean {
  const posix = file.replace(/\\/g, '/');
  const name =
    format === 'bundler'
      ? path.posix.join(path.posix.basename(path.posix.dirname(posix)), path.posix.basename(posix))
      : path.basename(posix);
  return FILE_NAMES[format].includes(format === 'nuget' ? name.toLowerCase() : name);
}

/** "`.npmrc` or `npmrc`": for the error that names what was expected. */
export function expectedNames(format: ConfigFormat): string {
  const names = format === 'nuget' ? ['NuGet.Config', 'nuget.config'] : FILE_NAMES[format];
  return names.join(' or ');
}
