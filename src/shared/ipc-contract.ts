/**
 * The one contract between renderer and main: channel name → request schema and response type.
 * Preload, main/ipc.ts, the renderer's api client and the e2e bridge are all typed from this map,
 * and main validates every request against the schema at run time, so a renamed field fails the
 * type check on both sides and a forged payload fails at the door.
 */
import * as v from 'valibot';
import type { KeyportErrorInfo } from './errors';
import { ECOSYSTEMS, type AppInfo, type CopyResult, type TokenMeta } from './types';

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
  v.url('The registry must be a URL such as https://registry.npmjs.org/.'),
  v.regex(/^https?:\/\//i, 'The registry URL must start with https:// or http://.'),
  v.maxLength(2048),
);
const NO_SPACE_OR_CONTROL = /^[^\s\u0000-\u001f\u007f]+$/; // eslint-disable-line no-control-regex
const Secret = v.pipe(
  v.string(),
  v.minLength(1, 'The token is empty.'),
  v.maxLength(16384, 'The token is too long.'),
  v.regex(NO_SPACE_OR_CONTROL, 'The token must not contain spaces or control characters.'),
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

/** Request schemas by channel. Adding a channel here is the only way to add an IPC call. */
export const requestSchemas = {
  'app:info': Empty,
  'vault:list': Empty,
  'vault:add': AddTokenRequest,
  'vault:update': UpdateTokenRequest,
  'vault:reveal': ByIdRequest,
  'vault:copy': ByIdRequest,
  'vault:remove': ByIdRequest,
} as const;

/** Response types by channel; every channel must have one (checked below). */
export interface ResponseTypes {
  'app:info': AppInfo;
  'vault:list': TokenMeta[];
  'vault:add': TokenMeta;
  'vault:update': TokenMeta;
  'vault:reveal': { secret: string };
  'vault:copy': CopyResult;
  'vault:remove': { removed: true };
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
