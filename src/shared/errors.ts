/**
 * Errors are values users can read: a stable code for programs and tests, and one sentence for
 * people. A message must never contain a secret; callers pass only labels, ids and masked values.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_LOCKED',
  'KEYCHAIN_ERROR',
  'SECRET_MISSING',
  'VAULT_CORRUPT',
  'VAULT_BUSY',
  'VAULT_WRITE_FAILED',
  'IPC_FORBIDDEN',
  'UNKNOWN_CHANNEL',
  'CONFIG_INVALID',
  'CONFIG_CHANGED_ON_DISK',
  'CONFIG_WRITE_FAILED',
  'UNSAFE_VALUE',
  'NOTHING_TO_UNDO',
  'INVALID_CIDR',
  'OTP_REQUIRED',
  'AUTH_FAILED',
  'FORBIDDEN',
  'TOKEN_API_UNSUPPORTED',
  'REGISTRY_REJECTED',
  'RATE_LIMITED',
  'REGISTRY_ERROR',
  'REGISTRY_UNREACHABLE',
  'REGISTRY_TIMEOUT',
  'REGISTRY_BAD_RESPONSE',
  'TLS_ERROR',
  'CANCELLED',
  /** Main refused a path the renderer named: not standard, not picked, not known to Keyport. */
  'PATH_NOT_ALLOWED',
  /** The user said No in main's native confirmation; nothing was sent or written. */
  'USER_DECLINED',
  /** A device, FIFO, socket or folder where a config file was expected. */
  'NOT_A_REGULAR_FILE',
  /** A file or registry answer over Keyport's size cap. */
  'TOO_LARGE',
  'INTERNAL',
] as const;

export type KeyportErrorCode = (typeof ERROR_CODES)[number];

export interface KeyportErrorInfo {
  code: KeyportErrorCode;
  message: string;
  /** Extra machine-readable facts (e.g. retryAfterSeconds); never a secret. */
  details?: Record<string, string | number | boolean>;
}

export class KeyportError extends Error {
  readonly code: KeyportErrorCode;
  readonly details?: Record<string, string | number | boolean>;

  constructor(
    code: KeyportErrorCode,
    message: string,
    details?: Record<string, string | number | boolean>,
  ) {
    super(message);
    this.name = 'KeyportError';
    this.code = code;
    if (details) this.details = details;
  }

  toInfo(): KeyportErrorInfo {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into a safe, user-readable value; unknown errors lose their text. */
export function toErrorInfo(err: unknown): KeyportErrorInfo {
  if (err instanceof KeyportError) return err.toInfo();
  // Foreign errors may quote their input (a file line, a request body): never pass them on.
  return { code: 'INTERNAL', message: 'Something went wrong inside Keyport; nothing was changed.' };
}
