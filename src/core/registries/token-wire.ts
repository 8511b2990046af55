import { KeyportError } from '../../shared/errors';
import { maskSecret } from '../../shared/mask';
import {
  GRANULAR_PERMISSIONS,
  type CreatedToken,
  type GranularFields,
  type GranularPermission,
  type RemoteToken,
} from '../../shared/registry-types';
import type { CreateTokenRequest } from '../../shared/ipc-contract';

/**
 * The npm token API's wire shapes (snake_case, as npmjs documents them) to and from our types.
 * Answers are checked field by field: a registry that sends something else gets a clear
 * "bad response" instead of a half-filled token in the UI.
 */

type Json = Record<string, unknown>;

export class WireShapeError extends Error {}

/** The POST body. `readonly` always goes out explicitly, false included (npm 11 omits it). */
export function createTokenBody(request: CreateTokenRequest, password?: string): Json {
  const auth = password === undefined ? {} : { password };
  if (request.kind === 'legacy') {
    return {
      ...auth,
      readonly: request.readonly,
      cidr_whitelist: request.cidr,
      ...(request.automation ? { automation: true } : {}),
    };
  }
  const optional: Json = {
    description: request.description,
    expires: request.expiresDays,
    packages: request.packages,
    packages_all: request.packagesAll,
    scopes: request.scopes,
    orgs: request.orgs,
    packages_and_scopes_permission: request.packagesAndScopesPermission,
    orgs_permission: request.orgsPermission,
    bypass_2fa: request.bypass2fa,
  };
  return {
    name: request.name,
    ...auth,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    cidr_whitelist: request.cidr,
  };
}

/** Checks a create request before anything is sent; CIDR is checked separately (INVALID_CIDR). */
export function checkCreateRequest(request: CreateTokenRequest): void {
  if (request.kind === 'legacy') return;
  const invalid = (message: string): KeyportError => new KeyportError('INVALID_INPUT', message);
  if (request.name.trim() === '') throw invalid('A granular token needs a name.');
  const days = request.expiresDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 365)) {
    throw invalid('The expiry must be a whole number of days between 1 and 365.');
  }
  for (const permission of [request.packagesAndScopesPermission, request.orgsPermission]) {
    if (permission !== undefined && !GRANULAR_PERMISSIONS.includes(permission)) {
      throw invalid(`Unknown permission: ${String(permission)}.`);
    }
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(o: Json, field: string): string | undefined {
  const value = o[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new WireShapeError(`${field} is not text`);
  return value;
}

function optionalBoolean(o: Json, field: string): boolean | undefined {
  const value = o[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new WireShapeError(`${field} is not true or false`);
  return value;
}

function optionalStrings(o: Json, field: string): string[] | undefined {
  const value = o[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new WireShapeError(`${field} is not a list of text`);
  }
  return value;
}

/** Dates come as ISO text (npmjs) or epoch milliseconds (older Verdaccio). */
function optionalDate(o: Json, field: string): string | undefined {
  const value = o[field];
  if (value === undefined || value === null || value === '') return undefined;
  const date = typeof value === 'number' || typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new WireShapeError(`${field} is not a date`);
  return date.toISOString();
}

function optionalPermission(o: Json, field: string): GranularPermission | undefined {
  const value = optionalString(o, field);
  if (value === undefined) return undefined;
  if (!(GRANULAR_PERMISSIONS as readonly string[]).includes(value)) {
    throw new WireShapeError(`${field} is not a known permission`);
  }
  return value as GranularPermission;
}

/** Drops undefined fields so results compare and serialise cleanly. */
function compact<T extends object>(value: T): T {
  // A loop, not Object.fromEntries(entries.filter()): this runs for every listed token.
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

function granularFields(o: Json): GranularFields {
  return {
    name: optionalString(o, 'name'),
    description: optionalString(o, 'description'),
    packages: optionalStrings(o, 'packages'),
    packagesAll: optionalBoolean(o, 'packages_all'),
    scopes: optionalStrings(o, 'scopes'),
    orgs: optionalStrings(o, 'orgs'),
    packagesAndScopesPermission: optionalPermission(o, 'packages_and_scopes_permission'),
    orgsPermission: optionalPermission(o, 'orgs_permission'),
    bypass2fa: optionalBoolean(o, 'bypass_2fa'),
  };
}

function requiredString(o: Json, field: string): string {
  const value = optionalString(o, field);
  if (value === undefined) throw new WireShapeError(`${field} is missing`);
  return value;
}

/** A token as listed or created; `masked` is the registry's own mask, never a secret. */
function tokenFields(o: Json): Omit<RemoteToken, 'masked'> {
  const created = optionalDate(o, 'created');
  if (created === undefined) throw new WireShapeError('created is missing');
  return compact({
    key: requiredString(o, 'key'),
    readonly: optionalBoolean(o, 'readonly') ?? false,
    automation: optionalBoolean(o, 'automation'),
    // npmjs lists `cidr_whitelist`, Verdaccio and create answers `cidr`.
    cidr: optionalStrings(o, 'cidr_whitelist') ?? optionalStrings(o, 'cidr') ?? [],
    created,
    updated: optionalDate(o, 'updated'),
    expires: optionalDate(o, 'expires'),
    ...granularFields(o),
  });
}

export interface TokenPage {
  tokens: RemoteToken[];
  /** The next page's address as the registry gave it, or undefined on the last page. */
  next?: string;
}

export function parseTokenPage(body: unknown): TokenPage {
  if (!isObject(body) || !Array.isArray(body.objects)) {
    throw new WireShapeError('the token list has no objects');
  }
  const tokens = body.objects.map((item: unknown): RemoteToken => {
    if (!isObject(item)) throw new WireShapeError('a listed token is not an object');
    return { ...tokenFields(item), masked: optionalString(item, 'token') ?? '' };
  });
  const urls = isObject(body.urls) ? body.urls : {};
  const next = optionalString(urls, 'next');
  return next === undefined ? { tokens } : { tokens, next };
}

export function parseCreatedToken(body: unknown): CreatedToken {
  if (!isObject(body)) throw new WireShapeError('the answer is not an object');
  const token = requiredString(body, 'token');
  return { ...tokenFields(body), token, masked: maskSecret(token) };
}

export function parseLoginToken(body: unknown): string {
  if (!isObject(body)) throw new WireShapeError('the answer is not an object');
  return requiredString(body, 'token');
}

/** The signed-in user's name, or null: Verdaccio answers 200 {} to a token it does not know. */
export function parseWhoami(body: unknown): string | null {
  if (!isObject(body)) throw new WireShapeError('the answer is not an object');
  return optionalString(body, 'username') ?? null;
}
