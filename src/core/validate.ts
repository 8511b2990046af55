import * as v from 'valibot';
import { KeyportError } from '../shared/errors';
import { requestSchemas, Secret, type Channel, type ParsedRequestOf } from '../shared/ipc-contract';

/**
 * Checks a request against the contract's schema. The same check guards IPC, the e2e bridge and
 * the CLI. Messages name the field but never echo its value (it may be a secret).
 */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): ParsedRequestOf<C> {
  // Every request is a plain object; valibot's object schemas would let an array through.
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new KeyportError('INVALID_INPUT', 'Invalid request: expected an object.');
  }
  return check(requestSchemas[channel], payload) as ParsedRequestOf<C>;
}

/** A token read from standard input or a file, checked like one typed into the app. */
export function parseSecret(text: string): string {
  return check(Secret, text, 'token');
}

function check<S extends v.GenericSchema>(
  schema: S,
  payload: unknown,
  name?: string,
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, payload);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const field = issue.path?.map((p) => fieldName(p.key)).join('.') ?? name ?? '';
  // valibot's default messages end in "but received <value>": drop the value.
  const message = issue.message.replace(/\s*but received .*$/s, '');
  throw new KeyportError(
    'INVALID_INPUT',
    field ? `${field}: ${message}` : `Invalid request: ${message}`,
  );
}

/**
 * A path segment as it may appear in a message. Keys come from the caller, and an unknown key can
 * be anything (a pasted token, a megabyte, CR/LF): only short plain names are repeated.
 */
function fieldName(key: unknown): string {
  if (typeof key === 'number') return String(key);
  return typeof key === 'string' && /^[A-Za-z_$][\w$-]{0,39}$/.test(key) ? key : '(unexpected field)';
}
