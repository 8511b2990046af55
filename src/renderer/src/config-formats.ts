import type { ConfigFormat, Ecosystem } from '../../shared/types';

/** The names people know the files by, in the order the format menu lists them. */
export const FORMAT_LABELS: Record<ConfigFormat, string> = {
  npmrc: '.npmrc',
  maven: 'Maven settings.xml',
  nuget: 'NuGet.Config',
  netrc: '.netrc',
  pip: 'pip.conf',
  pypirc: '.pypirc',
  yarnrc: '.yarnrc.yml',
  composer: 'Composer auth.json',
  bundler: 'Bundler .bundle/config',
  gradle: 'gradle.properties',
};

/** The file a token of this ecosystem most likely goes to; anything else starts as .npmrc. */
export function defaultFormatFor(ecosystem: Ecosystem): ConfigFormat {
  switch (ecosystem) {
    case 'maven':
      return 'maven';
    case 'nuget':
      return 'nuget';
    case 'pip':
      return 'pip';
    case 'composer':
      return 'composer';
    case 'rubygems':
      return 'bundler';
    default:
      return 'npmrc';
  }
}

/** Formats whose entry carries a user name next to the token (npm's and Yarn's auth tokens do not). */
export function takesUserName(format: ConfigFormat): boolean {
  return format !== 'npmrc' && format !== 'yarnrc';
}
