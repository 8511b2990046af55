/**
 * The one contract between renderer and main: channel name → request schema and response type.
 * Preload, main/ipc.ts, the renderer's api client and the e2e bridge are all typed from this map,
 * and main validates every request against the schema at run time, so a renamed field fails the
 * type check on both sides and a forged payload fails at the door.
 */
import * as v from 'valibot';
import {
  HELPER_KINDS,
  type HelperPlace,
  type HelperSetupOutcome,
  type HelperUndoOutcome,
  type HelperSetupPreview,
} from './credential-helpers';
import type { KeyportErrorInfo } from './errors';
import { GRANULAR_PERMISSIONS, type CreatedToken } from './registry-types';
import {
  CONFIG_FORMATS,
  ECOSYSTEMS,
  MAVEN_AUTHS,
  PIP_MODES,
  type Account,
  type AppInfo,
  type ConfigFormat,
  type CopyResult,
  type Finding,
  type RemoteRow,
  type RevokeOutcome,
  type RotateOutcome,
  type RotatePreview,
  type SweepImportOutcome,
  type SweepResult,
  type TokenMeta,
  type WriteOutcome,
  type WritePreview,
} from './types';
import { MAX_PACKAGE_PATTERNS, PACKAGE_PATTERN, PACKAGE_PATTERN_RULE } from './package-pattern';

/** Anything that ends up in a config file or a header: no control characters (CR, LF, NUL, ESC…). */
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Invalid token id.'));
const Label = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'A label is required.'),
  v.maxLength(200, 'The label is too long (200 characters at most).'),
  v.regex(NO_CONTROL, 'The label must not contain control characters.'),
);
const Notes = v.pipe(
  v.string(),
  v.maxLength(2000, 'Notes are too long (2000 characters at most).'),
);
const RegistryUrl = v.pipe(
  v.string(),
  v.trim(),
  // Before v.url(): the URL parser silently drops CR, LF and tabs, but the raw text is what is kept.
  v.regex(NO_CONTROL, 'The registry URL must not contain control characters.'),
  v.url('The registry must be a URL such as https://registry.npmjs.org/.'),
  v.regex(/^https?:\/\//i, 'The registry URL must start with https:// or http://.'),
  v.maxLength(2048),
);
/**
 * Words of visible characters with single spaces between: passwords (not only tokens) go into
 * config files, and Maven, NuGet, pip (percent-encoded), .npmrc, .pypirc and .yarnrc.yml carry a
 * space; each writer refuses what its format cannot (.netrc). Surrounding spaces are paste slips.
 */
const SPACED_WORDS = /^[^\s\u0000-\u001f\u007f-\u009f]+(?: [^\s\u0000-\u001f\u007f-\u009f]+)*$/; // eslint-disable-line no-control-regex
/**
 * `${…}` (npm, Maven) and `%NAME%` (NuGet): a client writing such a token into a request would
 * first replace it with an environment variable, so a registry issuing `npm_x${AWS_SECRET}` could
 * collect it. No real token holds either; one that does is refused wherever it comes from.
 */
const CLIENT_EXPANDED = /\$\{|%[^%]+%/;
export const Secret = v.pipe(
  v.string(),
  v.minLength(1, 'The token is empty.'),
  v.maxLength(16384, 'The token is too long.'),
  v.regex(
    SPACED_WORDS,
    'The token must not contain control characters or start or end with a space.',
  ),
  v.check(
    (s) => !CLIENT_EXPANDED.test(s),
    'The token must not contain "${" or a %NAME% pair: npm, Maven and NuGet would replace it with an environment variable.',
  ),
);
const IsoDate = v.pipe(v.string(), v.isoTimestamp('Expiry must be an ISO date-time.'));
const Empty = v.strictObject({});

export const AddTokenRequest = v.strictObject({
  label: Label,
  registry: RegistryUrl,
  ecosystem: v.picklist(ECOSYSTEMS, 'Unknown ecosystem.'),
  secret: Secret,
  user: v.optional(v.pipe(v.string(), v.maxLength(200), v.regex(NO_CONTROL))),
  expires: v.optional(v.nullable(IsoDate)),
  notes: v.optional(Notes),
});

export const UpdateTokenRequest = v.strictObject({
  id: Id,
  label: v.optional(Label),
  notes: v.optional(Notes),
  expires: v.optional(v.nullable(IsoDate)),
});

export const ByIdRequest = v.strictObject({ id: Id });

/** A short field written into a config file: no control characters, bounded. */
const FieldText = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(256),
  v.regex(NO_CONTROL, 'Control characters are not allowed.'),
);
const FilePath = v.pipe(
  v.string(),
  v.minLength(1, 'Choose a file.'),
  v.maxLength(4096),
  v.regex(NO_CONTROL, 'The path must not contain control characters.'),
);
const OpId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));
/** A swept finding's id: a hash of file, line, format and key. */
const FindingId = v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/, 'Invalid finding id.'));
const Otp = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[0-9A-Za-z]{4,16}$/, 'The one-time password looks wrong.'),
);
const Password = v.pipe(v.string(), v.minLength(1, 'Enter your password.'), v.maxLength(1024));
const Cidrs = v.pipe(
  v.array(v.pipe(v.string(), v.trim(), v.maxLength(64))),
  v.maxLength(64),
  v.readonly(),
);
const Names = v.pipe(
  v.array(v.pipe(v.string(), v.trim(), v.maxLength(214), v.regex(NO_CONTROL))),
  v.maxLength(500),
);
const Permission = v.picklist(GRANULAR_PERMISSIONS);

/** Where a token goes in a config file: config:plan without the token (the CLI may pipe one in). */
export const WriteTargetRequest = v.strictObject({
  format: v.picklist(CONFIG_FORMATS, 'Unknown config format.'),
  file: FilePath,
  registry: v.optional(RegistryUrl),
  username: v.optional(FieldText),
  serverId: v.optional(FieldText),
  source: v.optional(FieldText),
  repository: v.optional(FieldText),
  /** gradle.properties: a free key for the token instead of a repository's credentials. */
  property: v.optional(FieldText),
  scope: v.optional(
    v.pipe(v.string(), v.regex(/^@[a-z0-9][a-z0-9._-]*$/, 'A scope looks like @acme.')),
  ),
  pipMode: v.optional(v.picklist(PIP_MODES, `The pip mode must be ${PIP_MODES.join(' or ')}.`)),
  mavenAuth: v.optional(
    v.picklist(MAVEN_AUTHS, `The Maven authentication must be ${MAVEN_AUTHS.join(' or ')}.`),
  ),
  packagePatterns: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.regex(PACKAGE_PATTERN, PACKAGE_PATTERN_RULE))),
      v.minLength(1, PACKAGE_PATTERN_RULE),
      v.maxLength(MAX_PACKAGE_PATTERNS, `At most ${MAX_PACKAGE_PATTERNS} package patterns.`),
    ),
  ),
  /**
   * Write ${KEYPORT_…} (npm, Yarn), ${env.KEYPORT_…} (Maven), %KEYPORT_…% (NuGet) instead of the
   * value; for Gradle the same placeholder, which keyport exec fills as ORG_GRADLE_PROJECT_<key>.
   */
  reference: v.optional(v.boolean()),
});

export const WritePlanRequest = v.strictObject({ tokenId: Id, ...WriteTargetRequest.entries });

/** What to ask a registry for; the one type of a create request (core, CLI and renderer). */
export const CreateTokenRequestSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('legacy'),
    /** Sent explicitly: `npm token create --read-only` (npm 11) leaves it out and gets a publish token. */
    readonly: v.boolean(),
    automation: v.optional(v.boolean()),
    cidr: Cidrs,
  }),
  v.strictObject({
    kind: v.literal('granular'),
    name: v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, 'A granular token needs a name.'),
      v.maxLength(128),
      v.regex(NO_CONTROL),
    ),
    description: v.optional(v.pipe(v.string(), v.maxLength(1024), v.regex(NO_CONTROL))),
    /** Days until expiry; npmjs allows at most 90 for write tokens and defaults to 7. */
    expiresDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
    packages: v.optional(Names),
    packagesAll: v.optional(v.boolean()),
    scopes: v.optional(Names),
    orgs: v.optional(Names),
    packagesAndScopesPermission: v.optional(Permission),
    orgsPermission: v.optional(Permission),
    bypass2fa: v.optional(v.boolean()),
    cidr: Cidrs,
  }),
]);

export type CreateTokenRequest = v.InferOutput<typeof CreateTokenRequestSchema>;
export type LegacyTokenRequest = Extract<CreateTokenRequest, { kind: 'legacy' }>;
export type GranularTokenRequest = Extract<CreateTokenRequest, { kind: 'granular' }>;

/** A token to create under an account: remote:create without the account (the CLI finds it later). */
export const NewRemoteToken = v.strictObject({
  label: Label,
  request: CreateTokenRequestSchema,
  password: v.optional(Password),
  otp: v.optional(Otp),
  opId: v.optional(OpId),
});

/** Request schemas by channel. Adding a channel here is the only way to add an IPC call. */
export const requestSchemas = {
  'app:info': Empty,
  'vault:list': Empty,
  'vault:add': AddTokenRequest,
  'vault:update': UpdateTokenRequest,
  'vault:reveal': ByIdRequest,
  'vault:copy': ByIdRequest,
  'vault:remove': ByIdRequest,
  'vault:restore': v.strictObject({ undoId: Id }),
  'config:defaults': Empty,
  'config:plan': WritePlanRequest,
  'config:apply': v.strictObject({ planId: Id }),
  'config:undo': v.strictObject({ undoId: Id }),
  'accounts:list': Empty,
  'accounts:sign-in': v.strictObject({
    registry: RegistryUrl,
    username: v.pipe(FieldText, v.minLength(1, 'Enter your user name.')),
    password: Password,
    otp: v.optional(Otp),
    opId: v.optional(OpId),
  }),
  'accounts:add-token': v.strictObject({
    registry: RegistryUrl,
    secret: Secret,
    opId: v.optional(OpId),
  }),
  'accounts:whoami': v.strictObject({ id: Id, opId: v.optional(OpId) }),
  'remote:list': v.strictObject({ accountId: Id, opId: v.optional(OpId) }),
  'remote:create': v.strictObject({ accountId: Id, ...NewRemoteToken.entries }),
  'remote:revoke': v.strictObject({
    accountId: Id,
    keys: v.pipe(
      v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(256), v.regex(NO_CONTROL))),
      v.minLength(1),
      v.maxLength(100),
    ),
    removeLocal: v.boolean(),
    /** Also take the revoked tokens out of the config files Keyport wrote them to. */
    removeFromConfigs: v.optional(v.boolean()),
    otp: v.optional(Otp),
    opId: v.optional(OpId),
  }),
  'op:cancel': v.strictObject({ opId: OpId }),
  'op:status': v.strictObject({ opId: OpId }),
  'scan:run': v.strictObject({ projectDir: v.optional(FilePath) }),
  /**
   * Sweeps folders the user picked in main's folder picker (and the user-level files) for
   * plaintext registry credentials; progress through op:status, Cancel through op:cancel.
   */
  'sweep:run': v.strictObject({
    dirs: v.pipe(v.array(FilePath), v.minLength(1, 'Choose a folder.'), v.maxLength(32)),
    all: v.optional(v.boolean()),
    opId: v.optional(OpId),
  }),
  /** Imports findings of this session's sweeps; dryRun gives the combined masked preview. */
  'sweep:import': v.strictObject({
    findingIds: v.pipe(v.array(FindingId), v.minLength(1), v.maxLength(5000)),
    replaceWithReference: v.boolean(),
    dryRun: v.boolean(),
  }),
  'scan:import': v.strictObject({
    findingId: Id,
    label: Label,
    registry: RegistryUrl,
    ecosystem: v.picklist(ECOSYSTEMS, 'Unknown ecosystem.'),
  }),
  'rotate:preview': v.strictObject({ tokenId: Id }),
  /**
   * Main shows a native Save dialog for this format and grants the chosen file to later
   * config:plan calls (paths are capabilities: the renderer cannot name an arbitrary file).
   */
  'dialog:pick-config-file': v.strictObject({ format: v.picklist(CONFIG_FORMATS) }),
  /** Main shows a native folder picker; the folder chosen may then be scanned (scan:run). */
  'dialog:pick-folder': v.strictObject({ purpose: v.picklist(['scan']) }),
  'rotate:run': v.strictObject({
    tokenId: Id,
    password: v.optional(Password),
    otp: v.optional(Otp),
    opId: v.optional(OpId),
  }),
  /**
   * Previews making a client ask Keyport for this token (issue 17): a masked diff of the client's
   * standard config file, or the keychain items Python's keyring will find. Only a token and a
   * helper kind: main computes the files and takes the host from the token.
   */
  'helper:setup-plan': v.strictObject({
    tokenId: Id,
    helper: v.picklist(HELPER_KINDS, 'Unknown credential helper.'),
  }),
  /**
   * Applies a preview if every file still holds what it was made from, after main's native
   * confirmation; a plan is used once.
   */
  'helper:setup-apply': v.strictObject({ planId: Id }),
  'helper:setup-undo': v.strictObject({ undoId: Id }),
  /** The helpers configured to serve a token, read from the standard files (read only). */
  'helper:where-used': v.strictObject({ tokenId: Id }),
} as const;

/**
 * What a successful answer on a channel may have changed or shown, declared once beside the
 * schemas: main derives from it when to recount expiring tokens (`changes-tokens`), when to
 * refresh "where used" (`changes-files`) and when to shield the window from capture
 * (`shows-secret`). `satisfies` makes a new channel declare its effects or fail the type check.
 */
export type ChannelEffect = 'changes-tokens' | 'changes-files' | 'shows-secret';

export const channelEffects = {
  'app:info': [],
  'vault:list': [],
  'vault:add': ['changes-tokens'],
  'vault:update': ['changes-tokens'],
  'vault:reveal': ['shows-secret'],
  // Copy puts the value on the clipboard, not on screen; it only stamps "last used".
  'vault:copy': [],
  'vault:remove': ['changes-tokens'],
  'vault:restore': ['changes-tokens'],
  'config:defaults': [],
  'config:plan': [],
  'config:apply': ['changes-files'],
  'config:undo': ['changes-files'],
  'accounts:list': [],
  'accounts:sign-in': ['changes-tokens'],
  'accounts:add-token': ['changes-tokens'],
  'accounts:whoami': [],
  'remote:list': [],
  'remote:create': ['changes-tokens', 'shows-secret'],
  'remote:revoke': ['changes-tokens', 'changes-files'],
  'op:cancel': [],
  'op:status': [],
  'scan:run': [],
  'scan:import': ['changes-tokens'],
  'rotate:preview': [],
  'rotate:run': ['changes-tokens', 'changes-files'],
  'dialog:pick-config-file': [],
  'dialog:pick-folder': [],
  'sweep:run': [],
  'sweep:import': ['changes-tokens', 'changes-files'],
  'helper:setup-plan': [],
  // Keyring links change the token; saved container logins moved out of a file become tokens.
  'helper:setup-apply': ['changes-tokens', 'changes-files'],
  // Undoing Python's setup takes the keyring links off the token.
  'helper:setup-undo': ['changes-tokens', 'changes-files'],
  'helper:where-used': [],
} as const satisfies Record<Channel, readonly ChannelEffect[]>;

/** The channels whose successful answer has this effect. */
export function channelsWith(effect: ChannelEffect): ReadonlySet<Channel> {
  return new Set(
    (Object.keys(channelEffects) as Channel[]).filter((c) =>
      (channelEffects[c] as readonly ChannelEffect[]).includes(effect),
    ),
  );
}

/** Response types by channel; every channel must have one (checked below). */
export interface ResponseTypes {
  'app:info': AppInfo;
  'vault:list': TokenMeta[];
  'vault:add': TokenMeta;
  'vault:update': TokenMeta;
  'vault:reveal': { secret: string };
  'vault:copy': CopyResult;
  /** `undoId` restores the token with vault:restore for `undoSeconds` (null: nothing was kept). */
  'vault:remove': { removed: true; undoId: string | null; undoSeconds: number };
  'vault:restore': TokenMeta;
  'config:defaults': Record<ConfigFormat, string>;
  'config:plan': WritePreview;
  'config:apply': WriteOutcome;
  'config:undo': { file: string; token: TokenMeta | null };
  'accounts:list': Account[];
  'accounts:sign-in': Account;
  'accounts:add-token': Account;
  'accounts:whoami': { username: string | null };
  'remote:list': RemoteRow[];
  /** The one time a created token's secret crosses to the renderer: to be shown once. */
  'remote:create': {
    /** Null only when the keychain refused it: then `storeError` says why and `secret` must be shown. */
    token: TokenMeta | null;
    created: Omit<CreatedToken, 'token'>;
    secret: string;
    storeError?: KeyportErrorInfo;
  };
  'remote:revoke': RevokeOutcome;
  'op:cancel': { cancelled: boolean };
  'op:status': { running: boolean; step: string | null };
  'scan:run': Finding[];
  'scan:import': TokenMeta;
  'sweep:run': SweepResult;
  'sweep:import': SweepImportOutcome[];
  'rotate:preview': RotatePreview;
  /** Null when the user cancelled the dialog. */
  'dialog:pick-config-file': { file: string } | null;
  'dialog:pick-folder': { dir: string } | null;
  'rotate:run': RotateOutcome;
  'helper:setup-plan': HelperSetupPreview;
  'helper:setup-apply': HelperSetupOutcome;
  'helper:setup-undo': HelperUndoOutcome;
  'helper:where-used': HelperPlace[];
}

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = v.InferInput<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = v.InferOutput<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends Channel> = ResponseTypes[C];

/** What crosses the bridge: errors travel as values, since Electron flattens thrown errors to text. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: KeyportErrorInfo };

/** The renderer-facing API: one named function per call, each bound to exactly one channel. */
export const apiMethods = {
  appInfo: 'app:info',
  listTokens: 'vault:list',
  addToken: 'vault:add',
  updateToken: 'vault:update',
  revealToken: 'vault:reveal',
  copyToken: 'vault:copy',
  removeToken: 'vault:remove',
  restoreToken: 'vault:restore',
  configDefaults: 'config:defaults',
  planWrite: 'config:plan',
  applyWrite: 'config:apply',
  undoWrite: 'config:undo',
  listAccounts: 'accounts:list',
  signIn: 'accounts:sign-in',
  addAccountToken: 'accounts:add-token',
  whoami: 'accounts:whoami',
  listRemoteTokens: 'remote:list',
  createRemoteToken: 'remote:create',
  revokeRemoteTokens: 'remote:revoke',
  cancelOperation: 'op:cancel',
  operationStatus: 'op:status',
  scan: 'scan:run',
  importFinding: 'scan:import',
  sweep: 'sweep:run',
  importSweepFindings: 'sweep:import',
  previewRotation: 'rotate:preview',
  pickConfigFile: 'dialog:pick-config-file',
  pickFolder: 'dialog:pick-folder',
  rotateToken: 'rotate:run',
  planHelperSetup: 'helper:setup-plan',
  applyHelperSetup: 'helper:setup-apply',
  undoHelperSetup: 'helper:setup-undo',
  helperPlaces: 'helper:where-used',
} as const satisfies Record<string, Channel>;

export type ApiMethod = keyof typeof apiMethods;

export type KeyportApi = {
  [M in ApiMethod]: (
    request: RequestOf<(typeof apiMethods)[M]>,
  ) => Promise<IpcResult<ResponseOf<(typeof apiMethods)[M]>>>;
};

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}

// Compile-time check that the two maps name the same channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameChannels: Same<Channel, keyof ResponseTypes> = true;
void _sameChannels;
