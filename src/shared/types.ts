/** Domain types shared by main, preload, renderer and CLI: plain data, no behaviour. */
import type { RemoteToken } from './registry-types';

export const ECOSYSTEMS = ['npm', 'maven', 'nuget', 'pip', 'other'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export const TOKEN_ORIGINS = ['pasted', 'created', 'imported'] as const;
export type TokenOrigin = (typeof TOKEN_ORIGINS)[number];

export const CONFIG_FORMATS = ['npmrc', 'maven', 'nuget', 'netrc', 'pip', 'pypirc'] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

/** A place a token's value was written to by Keyport. */
export interface WrittenLocation {
  format: ConfigFormat;
  file: string;
  /** Human description of the entry, e.g. `//registry.npmjs.org/:_authToken` or `server id=corp`. */
  entry: string;
  at: string;
}

/** What Keyport knows about a token, without its value. Safe to show and to send to the renderer. */
export interface TokenMeta {
  id: string;
  label: string;
  registry: string;
  ecosystem: Ecosystem;
  user?: string;
  permissions: string[];
  notes?: string;
  /** ISO date-time. */
  created: string;
  /** ISO date-time, or null when the token does not expire (or the expiry is unknown). */
  expires: string | null;
  lastUsed: string | null;
  origin: TokenOrigin;
  writtenTo: WrittenLocation[];
  /** The masked value (see maskSecret), computed once when the secret is stored. */
  masked: string;
  /** The registry's key for this token, when it was created or matched through the token API. */
  remoteKey?: string;
  /** CIDR ranges the registry limits this token to. */
  cidr?: string[];
  /** Set when this token is the sign-in (session) token of a registry account. */
  signIn?: { username: string };
  /** 'secret-missing': the metadata survived but the keychain no longer has the value. */
  status: 'ok' | 'secret-missing';
}

export interface AppInfo {
  version: string;
  dataDir: string;
  platform: string;
  clipboardClearSeconds: number;
  revealHideSeconds: number;
}

export interface CopyResult {
  /** Seconds after which the clipboard is cleared if it still holds the value. */
  clearAfterSeconds: number;
}

/** A signed-in registry account: its session token lives in the vault like any other token. */
export interface Account {
  /** The vault id of the account's own token. */
  id: string;
  registry: string;
  username: string;
  label: string;
  created: string;
  expires: string | null;
}

/** A config-file write prepared for the user to confirm: the diff has every secret masked. */
export interface WritePreview {
  planId: string;
  format: ConfigFormat;
  /** The file that will be written (symlinks resolved). */
  file: string;
  entry: string;
  diff: string;
  /** False when the file already holds exactly this entry: nothing to write. */
  changed: boolean;
  /** True when the file does not exist yet and will be created (mode 0600). */
  creates: boolean;
}

export interface WriteOutcome {
  file: string;
  entry: string;
  /** Pass to config:undo to restore the previous file; null when nothing was written. */
  undoId: string | null;
  /** The token with this write recorded; null for a secret the vault does not hold (CLI). */
  token: TokenMeta | null;
}

/**
 * One line of an account's token listing, the registry's view merged with the vault's:
 * 'in-keyport' — listed by the registry and its secret is in Keyport;
 * 'registry-only' — listed by the registry, secret not in Keyport (created elsewhere);
 * 'revoked-elsewhere' — in Keyport for this registry, but the registry no longer lists it.
 */
export interface RemoteRow {
  state: 'in-keyport' | 'registry-only' | 'revoked-elsewhere';
  remote?: RemoteToken;
  local?: TokenMeta;
}

export interface RevokeOutcome {
  /** Keys the registry no longer lists after the revoke. */
  revoked: string[];
  /** Keys the registry still lists although it answered the revoke (e.g. unknown key). */
  stillListed: string[];
  /** Vault ids removed from the keychain on request. */
  removedLocal: string[];
}
