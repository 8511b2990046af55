import type { CreateTokenRequest } from '../../src/shared/ipc-contract';

/** One granular token with every setting, as Keyport asks for it… */
export const GRANULAR_REQUEST = {
  kind: 'granular',
  name: 'ci deploy',
  description: 'publishes @acme packages',
  expiresDays: 30,
  packages: ['left-pad'],
  scopes: ['@acme'],
  orgs: ['acme'],
  packagesAndScopesPermission: 'read-write',
  orgsPermission: 'read-only',
  bypass2fa: true,
  cidr: ['192.168.0.0/16'],
} satisfies CreateTokenRequest;

/** …and as npmjs's token API names the same settings on the wire (the lifetime is `expires`). */
export const GRANULAR_WIRE = {
  name: 'ci deploy',
  description: 'publishes @acme packages',
  packages: ['left-pad'],
  scopes: ['@acme'],
  orgs: ['acme'],
  packages_and_scopes_permission: 'read-write',
  orgs_permission: 'read-only',
  bypass_2fa: true,
  cidr_whitelist: ['192.168.0.0/16'],
} as const;
