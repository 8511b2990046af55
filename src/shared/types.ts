/** Domain types shared by main, preload, renderer and CLI: plain data, no behaviour. */
import type { KeyportErrorInfo } from './errors';
import type { RemoteToken } from './registry-types';

export const ECOSYSTEMS = [
  'npm',
  'maven',
  'nuget',
  'pip',
  'composer',
  'rubygems',
  'other',
] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export const TOKEN_ORIGINS = ['pasted', 'created', 'imported'] as const;
export type TokenOrigin = (typeof TOKEN_ORIGINS)[number];

export const CONFIG_FORMATS = [
  'npmrc',
  'maven',
  'nuget',
  'netrc',
  'pip',
  'pypirc',
  'yarnrc',
  'composer',
  'bundler',
  'gradle',
] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

/** pip: replace the default index (`index-url`) or add one beside it (`extra-index-url`). */
export const PIP_MODES = ['index-url', 'extra-index-url'] as const;
export type PipMode = (typeof PIP_MODES)[number];

/** Maven: a user name and password, or the token as a bearer header. */
export const MAVEN_AUTHS = ['password', 'bearer'] as const;
export type MavenAuth = (typeof MAVEN_AUTHS)[number];

/** A place a token's value was written to by Keyport. */
export interface WrittenLocation {
  format: ConfigFormat;
  file: string;
  /** Human description of the entry, e.g. `//registry.npmjs.org/:_authToken` or `server id=corp`. */
  entry: string;
  at: string;
  /** How the entry was addressed, so a rotation can write the same entry again. */
  target?: WriteTargetSpec;
}

/** Everything that picks the entry in a file, besides format and path; never a secret. */
export interface WriteTargetSpec {
  /** Registry, repository or feed URL the secret belongs to. */
  registry: string;
  username?: string;
  /** Maven `<server><id>`; defaults to the registry host. */
  serverId?: string;
  /** NuGet source name; defaults to the registry host. */
  source?: string;
  /**
   * .pypirc repository section (defaults to `pypi` for pypi.org, else the registry host); for
   * gradle.properties the repository whose `credentials(PasswordCredentials)` read
   * `<repository>Username` / `<repository>Password`.
   */
  repository?: string;
  /** gradle.properties: one free key to hold the token, instead of a repository's pair. */
  property?: string;
  /** npm scope (`@acme`) that should resolve to this registry. */
  scope?: string;
  pipMode?: PipMode;
  /** Maven: default `password` when a username is given, else `bearer`. */
  mavenAuth?: MavenAuth;
  /**
   * NuGet, only for a NuGet.Config with `<packageSourceMapping>`: the package id patterns
   * (`Contoso.*`, an exact id, or `*`) the source serves, written as its `<packageSource>` mapping.
   * Without them no mapping is written (see nuget-editor.ts for why there is no default).
   */
  packagePatterns?: string[];
  /** The entry holds a ${KEYPORT_…} style reference, not the value. */
  reference?: boolean;
}

/**
 * Target fields that only some files of a format take, which a preview reports for its file so
 * the app asks for them there: `packagePatterns` for a NuGet.Config with `<packageSourceMapping>`.
 */
export type FileSpecificField = 'packagePatterns';

/**
 * A keychain item outside Keyport's own entries that holds this token's value, filed under the
 * service and user name a client looks up (Python's keyring: pip, twine, Poetry). Rotation
 * rewrites it, removal deletes it. Never a secret.
 */
export interface HelperLink {
  kind: 'python-keyring';
  service: string;
  username: string;
  at: string;
}

/**
 * A server a credential helper serves this token for beyond its registry's own host: git's
 * `store` (accepted with `keyport setup git --accept-store`) of a value already in the vault.
 */
export interface ServedHost {
  client: 'git';
  /** `protocol://host[:port]`, as git named the server. */
  url: string;
  at: string;
}

/**
 * A client's helper reported the token refused by a server (git's `erase` after a 401). Only a
 * mark to show the user: the token stays, and a later accepted `store` of the same value (or a
 * rotation, which makes a new token) clears it.
 */
export interface HelperRefusal {
  client: 'git';
  /** `host[:port]` that refused it. */
  host: string;
  at: string;
}

/** A config file entry found (by a scan) to hold a token's value. */
export interface UsedLocation {
  format: ScanFormat;
  file: string;
  line: number;
  entry: string;
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
  /** Keyed hash of the value (HMAC, key in the keychain): finds where it is used without plaintext. */
  fingerprint?: string;
  /** Every config file entry holding this value, as the last scan found them. */
  usedIn?: UsedLocation[];
  /** Keychain items that hold a copy for a client's own lookup (Python's keyring). */
  helperLinks?: HelperLink[];
  /** Servers a credential helper also answers with this token for (see ServedHost). */
  servedHosts?: ServedHost[];
  /** Set while a server's last word on this token, through a helper, was "refused". */
  refused?: HelperRefusal;
  /** 'secret-missing': the metadata survived but the keychain no longer has the value. */
  status: 'ok' | 'secret-missing';
}

export interface AppInfo {
  version: string;
  dataDir: string;
  platform: string;
  clipboardClearSeconds: number;
  revealHideSeconds: number;
  /** Why the OS keychain could not be reached at start, or null; the list still works without it. */
  keychainProblem?: KeyportErrorInfo | null;
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
  /** What to know beyond the diff, e.g. a byte-order mark the client cannot read being dropped. */
  notes: string[];
  /** Fields this file takes beyond its format's usual ones (absent: none). */
  fileFields?: FileSpecificField[];
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

/** What removing a revoked token from its config files did. */
export interface RemovalOutcome {
  cleaned: string[];
  /** Entries left in place, each with the reason (changed meanwhile, file invalid, …). */
  left: Array<{ file: string; reason: string }>;
}

export interface RevokeOutcome {
  /** Keys the registry no longer lists after the revoke. */
  revoked: string[];
  /** Keys the registry still lists although it answered the revoke (e.g. unknown key). */
  stillListed: string[];
  /** Vault ids removed from the keychain on request. */
  removedLocal: string[];
  /** Config files the revoked tokens were removed from, on request, and those left alone. */
  configs?: RemovalOutcome;
}

/** Formats Keyport can scan: every writable one, plus yarn ≥ 2's .yarnrc.yml. */
export type ScanFormat = ConfigFormat | 'yarnrc';
export type ScanLevel = 'project' | 'user' | 'global';

/** A credential found in a config file. Never holds the value: `masked` and a vault match only. */
export interface Finding {
  /** Stable for the same file, line and value; used to import it. */
  id: string;
  format: ScanFormat;
  file: string;
  level: ScanLevel;
  /** 1-based line of the value. */
  line: number;
  /** The line as it is in the file, with the value masked. */
  entry: string;
  masked: string;
  /** The registry it is for, when the file says so. */
  registry: string | null;
  /** Maven server id / NuGet source name, when known (for rewriting the entry). */
  serverId?: string;
  source?: string;
  /** A reference such as ${NPM_TOKEN}: nothing secret is on disk. */
  reference: boolean;
  /** The vault token with the same value, matched by fingerprint. */
  tokenId: string | null;
  /** For .npmrc: false when a file with higher precedence sets the same key (this one is ignored). */
  wins: boolean;
}

export type RotateStep = 'create' | 'rewrite' | 'verify' | 'revoke' | 'done';

export interface RotatePreview {
  tokenId: string;
  /** The account the new token is created with. */
  account: string;
  /** Every file that will be rewritten, with its masked diff. */
  files: Array<{ file: string; entry: string; diff: string }>;
  /** Files the token was written to before Keyport recorded how; they are not rewritten. */
  skipped: string[];
}

export interface RotateOutcome {
  token: TokenMeta;
  revokedKey: string;
  files: number;
}

/** What a workspace sweep reads: every scanned format plus `.env` files' registry variables. */
export type SweepFormat = ScanFormat | 'env';

/**
 * Whether the file holding a finding is in git: `tracked` is a leak (in the history and on
 * every clone), `ignored` and `untracked` are only on this disk, `none` is outside any repository,
 * `unknown` when git could not tell (not installed, or it refused the repository).
 */
export type GitState = 'tracked' | 'ignored' | 'untracked' | 'none' | 'unknown';

/** What `--verify` learnt from the registry the file pairs the token with. */
export type VerifyState = 'live' | 'revoked' | 'unknown';

/** A credential found by a workspace sweep. Never holds the value. */
export interface SweepFinding extends Omit<Finding, 'format' | 'reference'> {
  format: SweepFormat;
  /** The key the value sits under (`//host/:_authToken`, `NPM_TOKEN`, `server nexus`, …). */
  key: string;
  git: GitState;
  /** The repository root holding the file, when there is one. */
  repository: string | null;
  /** Set only when the sweep was asked to verify. */
  verified?: VerifyState;
}

/** Something the sweep could not or would not read; reported, never fatal. */
export interface SweepProblem {
  path: string;
  reason: 'unreadable' | 'symlink-outside' | 'too-large' | 'other-filesystem' | 'not-regular';
  /** Where a symbolic link that leaves the walked folder points (not followed). */
  target?: string;
}

export interface SweepResult {
  findings: SweepFinding[];
  problems: SweepProblem[];
  /** Folders walked and files read, for the summary line. */
  stats: { folders: number; files: number };
}

/** What importing one swept finding did (or, on a dry run, would do). */
export interface SweepImportOutcome {
  findingId: string;
  file: string;
  /** The vault token now holding the value; null on a dry run of a value not yet in Keyport. */
  token: TokenMeta | null;
  /** The value was already in Keyport (same fingerprint): nothing new was stored. */
  reused: boolean;
  /** The reference rewrite: its masked diff, or why the entry was left as it is. */
  rewrite?: { entry: string; diff: string; written: boolean } | { left: string };
}
