/** Domain types shared by main, preload, renderer and CLI: plain data, no behaviour. */

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
