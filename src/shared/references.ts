import { KeyportError } from './errors';
import type { ConfigFormat } from './types';

/**
 * "Secrets off disk": instead of the value, a config file gets a reference that its client
 * expands from the environment, and `keyport exec` fills that environment from the keychain.
 */
export function envVarName(tokenId: string): string {
  return `KEYPORT_${tokenId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The formats whose clients expand an environment variable inside a value. */
export const REFERENCE_FORMATS = ['npmrc', 'maven', 'nuget', 'yarnrc', 'gradle'] as const;
export type ReferenceFormat = (typeof REFERENCE_FORMATS)[number];

export function takesReference(format: string): format is ReferenceFormat {
  return (REFERENCE_FORMATS as readonly string[]).includes(format);
}

/** Each client's own syntax for an environment variable inside a value. */
export function referenceFor(format: ConfigFormat, tokenId: string): string {
  const name = envVarName(tokenId);
  switch (format) {
    // Gradle expands nothing: `keyport exec` sets ORG_GRADLE_PROJECT_<key> for an entry holding
    // this placeholder, and Gradle takes that variable over the file (exec-env.ts).
    case 'npmrc':
    case 'yarnrc':
    case 'gradle':
      return `\${${name}}`;
    case 'maven':
      return `\${env.${name}}`;
    case 'nuget':
      return `%${name}%`;
    default:
      throw new KeyportError(
        'INVALID_INPUT',
        NO_REFERENCE[format] ??
          'This file format cannot read a value from the environment; write the token itself.',
      );
  }
}

/**
 * Clients that expand nothing in their file but read credentials from a variable of their own,
 * which `keyport exec --only ID` sets for a token of their ecosystem.
 */
export const NO_REFERENCE: Partial<Record<ConfigFormat, string>> = {
  composer:
    'Composer does not read environment variables in auth.json; write the token itself, or keep it off disk with keyport exec --only ID, which sets COMPOSER_AUTH for a Composer token.',
  bundler:
    'Bundler does not read environment variables in its config file; write the token itself, or keep it off disk with keyport exec --only ID, which sets BUNDLE_<HOST> for a RubyGems token.',
};

/**
 * npm, Maven and NuGet expand these: a value that is only a reference keeps the secret off disk.
 * Only a variable's name (Maven's `env.` prefix allowed): a shell-style `${X:-default}` can carry
 * a secret in its default, so it is no pure reference.
 */
const REFERENCE = /^(\$\{(?:env\.)?[A-Za-z_][A-Za-z0-9_]*\}|%[A-Za-z_][A-Za-z0-9_]*%)$/;

export function isReference(value: string): boolean {
  return REFERENCE.test(value.trim());
}

/**
 * Exactly the reference Keyport writes (`referenceFor`): a KEYPORT_ variable and nothing else, so
 * a value from a registry such as `${AWS_SECRET_ACCESS_KEY}` never passes for one.
 */
const KEYPORT_REFERENCE: Record<ReferenceFormat, RegExp> = {
  npmrc: /^\$\{KEYPORT_[A-Z0-9_]+\}$/,
  maven: /^\$\{env\.KEYPORT_[A-Z0-9_]+\}$/,
  nuget: /^%KEYPORT_[A-Z0-9_]+%$/,
  yarnrc: /^\$\{KEYPORT_[A-Z0-9_]+\}$/,
  gradle: /^\$\{KEYPORT_[A-Z0-9_]+\}$/,
};

export function isKeyportReference(format: ReferenceFormat, value: string): boolean {
  return KEYPORT_REFERENCE[format].test(value);
}
