import { KeyportError } from '../../shared/errors';

/** Default time a registry gets to answer one request, body included. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface Deadline {
  signal: AbortSignal;
  /** Why the signal fired: the caller's cancel or our timer; null while it has not. */
  reason(): 'cancelled' | 'timeout' | null;
  dispose(): void;
}

/**
 * One signal for a request that fires on the caller's cancel or after `timeoutMs`, remembering
 * which, so the user sees "Cancelled" for their own click and "did not answer" for a slow registry.
 */
export function startDeadline(timeoutMs: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let why: 'cancelled' | 'timeout' | null = null;
  const fire = (reason: 'cancelled' | 'timeout'): void => {
    if (why) return;
    why = reason;
    controller.abort();
  };
  const onOuterAbort = (): void => fire('cancelled');
  if (outer?.aborted) fire('cancelled');
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => fire('timeout'), timeoutMs);
  return {
    signal: controller.signal,
    reason: () => why,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

/** Throws CANCELLED before any work when the caller has already given up. */
export function throwIfCancelled(signal: AbortSignal | undefined, host: string): void {
  if (signal?.aborted) throw cancelledError(host, false);
}

export function cancelledError(host: string, maybeApplied: boolean): KeyportError {
  return new KeyportError(
    'CANCELLED',
    maybeApplied
      ? `Cancelled. ${host} may already have carried out the request; list the tokens to check.`
      : `Cancelled; nothing more was sent to ${host}.`,
  );
}

/** Waits between retries; cancelling the call cancels the wait too. */
export type Wait = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realWait: Wait = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
