import { KeyportError, type KeyportErrorCode } from '../shared/errors';
import type { CliIo } from './io';

/** Exit codes: 0 success, 1 any other failure, 2 bad input, 3 a config file invalid or changed under us. */
export const EXIT = { ok: 0, failure: 1, badInput: 2, configConflict: 3 } as const;

const BAD_INPUT: ReadonlySet<KeyportErrorCode> = new Set([
  'INVALID_INPUT',
  'UNSAFE_VALUE',
  'INVALID_CIDR',
  'NOT_FOUND',
  'PATH_NOT_ALLOWED',
  // A device, FIFO or socket given as --file: the user named the wrong thing.
  'NOT_A_REGULAR_FILE',
]);
const CONFIG_CONFLICT: ReadonlySet<KeyportErrorCode> = new Set([
  'CONFIG_INVALID',
  'CONFIG_CHANGED_ON_DISK',
]);

export function usageError(message: string): KeyportError {
  return new KeyportError('INVALID_INPUT', message);
}

export function exitCodeFor(err: KeyportError): number {
  if (BAD_INPUT.has(err.code)) return EXIT.badInput;
  // A huge file given as --file is the user's input; a huge registry answer is a failure.
  if (err.code === 'TOO_LARGE' && err.details?.of === 'file') return EXIT.badInput;
  if (CONFIG_CONFLICT.has(err.code)) return EXIT.configConflict;
  return EXIT.failure;
}

/** Prints one line for a failure and returns its exit code; anything unexpected stays vague. */
export function reportError(err: unknown, io: Pick<CliIo, 'stderr'>): number {
  const error =
    err instanceof KeyportError
      ? err
      : new KeyportError('INTERNAL', 'Something went wrong inside Keyport; nothing was changed.');
  io.stderr(`keyport: ${error.message}\n`);
  return exitCodeFor(error);
}
