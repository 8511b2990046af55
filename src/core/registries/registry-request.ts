import { KeyportError } from '../../shared/errors';
import { cancelledError, startDeadline, throwIfCancelled, type Wait } from './call-deadline';
import {
  appliedHint,
  errorForNetworkFailure,
  errorForStatus,
  mayHaveApplied,
  parseRetryAfter,
  type CallPurpose,
  type FailureContext,
} from './registry-errors';
import type { Transport, TransportRequest, TransportResponse } from './transport';

export interface RequestSettings {
  transport: Transport;
  /** The registry's host, for messages. */
  host: string;
  timeoutMs: number;
  /** Extra attempts for idempotent reads after a 429 or a 5xx. */
  retries: number;
  /** A longer Retry-After is reported to the user instead of waited out. */
  maxRetryAfterSeconds: number;
  wait: Wait;
}

export interface RegistryRequest {
  purpose: CallPurpose;
  method: TransportRequest['method'];
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Values redacted from anything the registry echoes: token, password, otp. */
  secrets: string[];
  otpSent: boolean;
  signal?: AbortSignal;
  /** For answers that carry nothing Keyport needs (revoke): any body counts as success. */
  ignoreBody?: boolean;
}

export interface RegistryAnswer {
  status: number;
  body: unknown;
}

const FIRST_BACKOFF_MS = 500;

/**
 * One call to the registry: a deadline per attempt, bounded retries for reads, every failure turned
 * into a KeyportError whose text holds no secret.
 */
export async function sendRegistryRequest(
  settings: RequestSettings,
  req: RegistryRequest,
): Promise<RegistryAnswer> {
  const ctx: FailureContext = {
    purpose: req.purpose,
    host: settings.host,
    otpSent: req.otpSent,
    secrets: req.secrets,
  };
  throwIfCancelled(req.signal, settings.host);
  for (let attempt = 0; ; attempt++) {
    const { res, text } = await attemptOnce(settings, req, ctx);
    if (res.status >= 200 && res.status < 300) {
      return { status: res.status, body: req.ignoreBody ? {} : parseJson(res, text, ctx) };
    }
    const delay = retryDelay(settings, req, res, attempt);
    if (delay === undefined) {
      throw errorForStatus({ status: res.status, headers: res.headers, body: text }, ctx);
    }
    try {
      await settings.wait(delay, req.signal);
    } catch {
      throw cancelledError(settings.host, false);
    }
  }
}

async function attemptOnce(
  settings: RequestSettings,
  req: RegistryRequest,
  ctx: FailureContext,
): Promise<{ res: TransportResponse; text: string }> {
  const deadline = startDeadline(settings.timeoutMs, req.signal);
  let phase: 'connect' | 'body' = 'connect';
  try {
    const res = await settings.transport(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      signal: deadline.signal,
      redirect: 'manual',
    });
    phase = 'body';
    return { res, text: await res.text() };
  } catch (err) {
    const why = deadline.reason();
    if (why === 'cancelled') throw cancelledError(settings.host, mayHaveApplied(req.purpose));
    if (why === 'timeout') throw timeoutError(settings, req.purpose);
    throw errorForNetworkFailure(err, ctx, phase);
  } finally {
    deadline.dispose();
  }
}

function timeoutError(settings: RequestSettings, purpose: CallPurpose): KeyportError {
  const seconds = Math.round(settings.timeoutMs / 100) / 10;
  const hint = appliedHint(purpose);
  return new KeyportError(
    'REGISTRY_TIMEOUT',
    `${settings.host} did not answer within ${seconds} s.${hint}`,
    { timeoutMs: settings.timeoutMs },
  );
}

/** Milliseconds to wait before another attempt, or undefined when the error should stand. */
function retryDelay(
  settings: RequestSettings,
  req: RegistryRequest,
  res: TransportResponse,
  attempt: number,
): number | undefined {
  // Only reads repeat: a second create would make a second token, a second revoke hides the first answer.
  if (req.method !== 'GET' || attempt >= settings.retries) return undefined;
  if (res.status !== 429 && res.status < 500) return undefined;
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  if (retryAfter !== undefined) {
    return retryAfter <= settings.maxRetryAfterSeconds ? retryAfter * 1000 : undefined;
  }
  return FIRST_BACKOFF_MS * 2 ** attempt;
}

function parseJson(res: TransportResponse, text: string, ctx: FailureContext): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badResponse(
      ctx,
      `answered with something that is not JSON (HTTP ${res.status}, ${mediaType(res)})`,
    );
  }
}

/** A success answer Keyport cannot use; after a create the token may still exist. */
export function badResponse(
  ctx: Pick<FailureContext, 'host' | 'purpose'>,
  what: string,
): KeyportError {
  const hint = appliedHint(ctx.purpose);
  return new KeyportError('REGISTRY_BAD_RESPONSE', `${ctx.host} ${what}.${hint}`);
}

function mediaType(res: TransportResponse): string {
  const type = res.headers.get('content-type')?.split(';')[0]?.trim();
  return type ? type.slice(0, 60) : 'no content type';
}
