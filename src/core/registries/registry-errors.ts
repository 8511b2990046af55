import { KeyportError } from '../../shared/errors';
import { registryReason } from './registry-text';
import { ANSWER_TOO_LARGE, MAX_ANSWER_BYTES } from './transport';

/** Which call failed: the same status means different things to the user for each. */
export type CallPurpose = 'login' | 'whoami' | 'list' | 'create' | 'revoke';

export interface FailureContext {
  purpose: CallPurpose;
  /** The registry's host, the only part of its URL put in messages (no path, no credentials). */
  host: string;
  /** Whether a one-time password went with the request. */
  otpSent: boolean;
  /** Values to redact from anything the registry echoes back: token, password, otp. */
  secrets: string[];
}

/** Create is the one call that is not idempotent: after a lost answer the token may exist. */
export function mayHaveApplied(purpose: CallPurpose): boolean {
  return purpose === 'create';
}

/** The sentence appended when a create's outcome is unknown, so nobody creates a second token blind. */
export function appliedHint(purpose: CallPurpose): string {
  return mayHaveApplied(purpose)
    ? ' The token may have been created; list the tokens to check.'
    : '';
}

/**
 * `Retry-After` in seconds, from either form HTTP allows (seconds or a date); undefined when
 * missing or unreadable.
 */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * npm-registry-fetch's rule: a 401 whose `www-authenticate` lists `otp`, or whose body speaks of a
 * one-time password, asks for a code. `ipaddress` means the token's CIDR list excludes us.
 */
function authChallenge(wwwAuthenticate: string | null, body: string): 'otp' | 'ipaddress' | null {
  const schemes = (wwwAuthenticate ?? '').toLowerCase().split(/[\s,]+/);
  if (schemes.includes('ipaddress')) return 'ipaddress';
  if (schemes.includes('otp')) return 'otp';
  if (/one-time pass|\botp\b/i.test(body)) return 'otp';
  return null;
}

export interface FailedResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: string;
}

/** The KeyportError for an answer that is not a success. */
export function errorForStatus(res: FailedResponse, ctx: FailureContext): KeyportError {
  const { status } = res;
  const { host, purpose } = ctx;
  const reason = registryReason(res.body, ctx.secrets);
  const because = reason ? `: ${reason}` : '.';
  const details = { status };

  if (status === 401) {
    const challenge = authChallenge(res.headers.get('www-authenticate'), res.body);
    if (challenge === 'otp') {
      return ctx.otpSent
        ? new KeyportError('OTP_REQUIRED', `${host} did not accept the one-time password.`, {
            ...details,
            otpRejected: true,
          })
        : new KeyportError('OTP_REQUIRED', `${host} asks for a one-time password.`, {
            ...details,
            otpRejected: false,
          });
    }
    if (challenge === 'ipaddress') {
      return new KeyportError(
        'FORBIDDEN',
        `${host} does not accept this token from your address.`,
        {
          ...details,
          reason: 'ip-address',
        },
      );
    }
    return authFailed(ctx, details);
  }
  // 409 on log-in is "that user exists" (Verdaccio, CouchDB); login() repeats it with Basic auth,
  // and a 409 that survives that means the registry will not sign this user in.
  if (status === 409 && purpose === 'login') return authFailed(ctx, details);
  if (status === 403) {
    return new KeyportError('FORBIDDEN', `${host} refused this request${because}`, details);
  }
  if ((status === 404 || status === 405 || status === 501) && purpose !== 'whoami') {
    return new KeyportError(
      'TOKEN_API_UNSUPPORTED',
      purpose === 'login'
        ? `${host} does not support signing in with a password; paste a token instead.`
        : `${host} does not offer the npm token API, so Keyport cannot manage its tokens there.`,
      details,
    );
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    return new KeyportError(
      'RATE_LIMITED',
      retryAfter === undefined
        ? `${host} is limiting requests; try again in a moment.`
        : `${host} is limiting requests; try again in ${retryAfter} s.`,
      retryAfter === undefined ? details : { ...details, retryAfterSeconds: retryAfter },
    );
  }
  if (status >= 500) {
    return new KeyportError(
      'REGISTRY_ERROR',
      `${host} had an internal error (HTTP ${status}); try again later.${appliedHint(purpose)}`,
      details,
    );
  }
  if (status >= 300 && status < 400) {
    return new KeyportError(
      'REGISTRY_BAD_RESPONSE',
      `${host} answered with a redirect${redirectTarget(res.headers.get('location'))}; Keyport does not follow it with your credentials. Use the final registry address instead.`,
      details,
    );
  }
  return new KeyportError('REGISTRY_REJECTED', `${host} refused the request${because}`, details);
}

function authFailed(ctx: FailureContext, details: { status: number }): KeyportError {
  const message =
    ctx.purpose === 'login'
      ? `${ctx.host} did not accept the user name or password.`
      : ctx.purpose === 'create'
        ? `${ctx.host} did not accept the password.`
        : `${ctx.host} no longer accepts this sign-in; sign in again.`;
  return new KeyportError('AUTH_FAILED', message, {
    ...details,
    reason: ctx.purpose === 'login' || ctx.purpose === 'create' ? 'password' : 'token',
  });
}

function redirectTarget(location: string | null): string {
  if (!location) return '';
  try {
    // Only the origin: a redirect's path or query may carry anything.
    return ` to ${new URL(location).origin}`;
  } catch {
    return '';
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'EPROTO',
]);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Every `code` along an error's cause chain, AggregateError members included. */
export function errorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const members = Array.isArray(e.errors) ? e.errors.flatMap((m) => errorCodes(m, depth + 1)) : [];
  return [...own, ...members, ...errorCodes(e.cause, depth + 1)];
}

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || /^(CERT_|ERR_TLS_|ERR_SSL_)/.test(code);
}

/**
 * A failure below HTTP. Foreign error texts are never passed on (they may quote a URL with
 * credentials); only their codes, which are fixed identifiers.
 */
export function errorForNetworkFailure(
  err: unknown,
  ctx: FailureContext,
  phase: 'connect' | 'body',
): KeyportError {
  const codes = errorCodes(err);
  const tls = codes.find(isTlsCode);
  if (tls) {
    return new KeyportError(
      'TLS_ERROR',
      `Keyport does not trust the certificate of ${ctx.host} (${tls}). If your network uses its own certificate authority, set cafile in .npmrc or NODE_EXTRA_CA_CERTS.`,
      { code: tls },
    );
  }
  if (codes.includes(ANSWER_TOO_LARGE)) {
    return new KeyportError(
      'TOO_LARGE',
      `${ctx.host} sent an answer larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB; Keyport stopped reading it.${appliedHint(ctx.purpose)}`,
      { maxBytes: MAX_ANSWER_BYTES, of: 'answer' },
    );
  }
  const unreachable = codes.find((code) => UNREACHABLE_CODES.has(code));
  if (unreachable && phase === 'connect') {
    return new KeyportError(
      'REGISTRY_UNREACHABLE',
      `Keyport could not reach ${ctx.host} (${unreachable}). Check the address and your network or proxy.`,
      { code: unreachable },
    );
  }
  const code = codes[0] ?? 'UNKNOWN';
  const hint = appliedHint(ctx.purpose);
  return new KeyportError(
    'REGISTRY_UNREACHABLE',
    phase === 'body'
      ? `The connection to ${ctx.host} broke while it was answering (${code}).${hint}`
      : `The connection to ${ctx.host} failed (${code}).${hint}`,
    { code, phase },
  );
}
