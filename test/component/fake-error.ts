import type { KeyportErrorCode } from '../../src/shared/errors';

/** Thrown inside the fake's handlers; travels back as an IpcResult error, as from main. */
export class FakeError extends Error {
  constructor(
    readonly code: KeyportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function now(): string {
  return new Date().toISOString();
}
