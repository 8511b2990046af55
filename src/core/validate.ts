import * as v from 'valibot';
import { KeyportError } from '../shared/errors';
import { requestSchemas, Secret, type Channel, type ParsedRequestOf } from '../shared/ipc-contract';

/**
 * Checks a request against the contract's schema. The same check guards IPC, the e2e bridge and
 * the CLI. Messages name the field but never echo its value (it may be a secret).
 */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): ParsedRequestOf<C> {
  return parseInput(requestSchemas[channel], payload) as ParsedRequestOf<C>;
}

/** The same check against a part of a request's schema (what the CLI has before the vault opens). */
export function parseInput<S extends v.GenericSchema>(
  schema: S,
  payload: unknown,
): v.InferOutput<S> {
  // Every request is a plain object; valibot's object schemas would let an array, a Date or a Map
  // (all of which structured-clone IPC can carry) through.
  if (!isPlainObject(payload)) {
    throw new KeyportError('INVALID_INPUT', 'Invalid request: expected an object.');
  }
  return check(schema, payload);
}

/** A token read from standard input or a file, checked like one typed into the app. */
export function parseSecret(text: string): string {
  return check(Secret, text, 'token');
}

/** Whether a token would pass parseSecret: for tokens a registry issues, which are checked too. */
export function isValidSecret(text: string): boolean {
  return v.is(Secret, text);
}

function check<S extends v.GenericSchema>(
  schema: S,
  payload: unknown,
  name?: string,
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, payload);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const keys: unknown[] = issue.path?.map((p) => p.key) ?? [];
  // An unknown key is caller text (it could be a pasted token, a megabyte, CR/LF): never repeated.
  if (issue.type === 'strict_object' && issue.expected === 'never' && keys.length > 0) {
    keys[keys.length - 1] = undefined;
  }
  const field = issue.path ? keys.map(fieldName).join('.') : (name ?? '');
  // valibot's default messages end in "but received <value>": drop the value.
  const message = issue.message.replace(/\s*but received .*$/s, '');
  throw new KeyportError(
    'INVALID_INPUT',
    field ? `${field}: ${message}` : `Invalid request: ${message}`,
  );
}

/** A path segment for a message: schema field names and list positions; anything else unnamed. */
function fieldName(key: unknown): string {
  if (typeof key === 'number') return String(key);
  return typeof key === 'string' && /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(key)
    ? key
    : '(unexpected field)';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
