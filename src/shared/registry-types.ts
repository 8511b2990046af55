/**
 * What the npm token API says about tokens, as plain data both core and the renderer compile
 * against. Field names are ours (camelCase); the wire names live only in core/registries.
 */

/** npmjs' granular permission values, sent and received as they are. */
export const GRANULAR_PERMISSIONS = ['read-only', 'read-write', 'no-access'] as const;
export type GranularPermission = (typeof GRANULAR_PERMISSIONS)[number];

/** Granular-token facts; npmjs echoes them, registries without granular tokens leave them out. */
export interface GranularFields {
  name?: string;
  description?: string;
  packages?: string[];
  /** All packages of the account, instead of a list. */
  packagesAll?: boolean;
  scopes?: string[];
  orgs?: string[];
  packagesAndScopesPermission?: GranularPermission;
  orgsPermission?: GranularPermission;
  bypass2fa?: boolean;
}

/** One token as the registry lists it. Never holds the secret: `masked` is the registry's mask. */
export interface RemoteToken extends GranularFields {
  /** The registry's id for the token, used to revoke it and to match it with the vault. */
  key: string;
  /** The registry's own masked form, e.g. `npm_ab…yz`; shown as it is. */
  masked: string;
  readonly: boolean;
  automation?: boolean;
  cidr: string[];
  /** ISO date-times. */
  created: string;
  updated?: string;
  expires?: string;
}

/**
 * The create answer: the only moment the full secret exists outside the keychain. Core stores it
 * in the vault before anything else can fail; it never crosses to the renderer in a list.
 */
export interface CreatedToken extends RemoteToken {
  token: string;
}
