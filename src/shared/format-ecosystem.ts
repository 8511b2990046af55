import type { Ecosystem, SweepFormat } from './types';

/**
 * The ecosystem a credential most likely belongs to, by the file it was found in (and, for a
 * `.env` line, by its variable's name). One answer for the app's import dialogs and the CLI's
 * `keyport import`, so the same finding is filed the same way from both. `.netrc` serves any
 * HTTP client, but among package managers it is pip's (shared/formats.md lists it under pip).
 */
export function ecosystemOfFormat(format: SweepFormat, key = ''): Ecosystem {
  switch (format) {
    case 'npmrc':
    case 'yarnrc':
      return 'npm';
    // Gradle builds fetch from the same Maven repositories.
    case 'maven':
    case 'gradle':
      return 'maven';
    case 'nuget':
      return 'nuget';
    case 'netrc':
    case 'pip':
    case 'pypirc':
      return 'pip';
    case 'composer':
      return 'composer';
    case 'bundler':
      return 'rubygems';
    case 'env':
      return ecosystemOfEnvName(key.toUpperCase());
    default:
      return 'other';
  }
}

function ecosystemOfEnvName(name: string): Ecosystem {
  if (/^(NPM|NODE|YARN)_/.test(name)) return 'npm';
  if (/^(TWINE|PYPI|UV|PIP|POETRY)_/.test(name)) return 'pip';
  if (name.startsWith('NUGET_')) return 'nuget';
  if (name.startsWith('MAVEN_')) return 'maven';
  if (name === 'COMPOSER_AUTH') return 'composer';
  if (name.startsWith('BUNDLE_') || name.startsWith('GEM_')) return 'rubygems';
  return 'other';
}
