import type { KeyportErrorCode, KeyportErrorInfo } from '../../shared/errors';
import {
  apiMethods,
  type ApiMethod,
  type KeyportApi,
  type RequestOf,
  type ResponseOf,
} from '../../shared/ipc-contract';

/** A failed call as the renderer sees it: the core's code and its user-readable sentence. */
export class ApiError extends Error {
  readonly code: KeyportErrorCode;
  /** The core's machine-readable facts (e.g. retryAfterSeconds); never a secret. */
  readonly details: KeyportErrorInfo['details'];

  constructor(code: KeyportErrorCode, message: string, details?: KeyportErrorInfo['details']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

type Call<M extends ApiMethod> = (
  request: RequestOf<(typeof apiMethods)[M]>,
) => Promise<ResponseOf<(typeof apiMethods)[M]>>;

/** The contract with IpcResult unwrapped: values resolve, failures reject with an ApiError. */
export type Api = { [M in ApiMethod]: Call<M> };

export function createApi(bridge: KeyportApi | undefined): Api {
  const call = async (method: ApiMethod, request: unknown): Promise<unknown> => {
    if (!bridge) {
      throw new ApiError('INTERNAL', 'Keyport cannot reach its vault. Restart the app.');
    }
    let result;
    try {
      result = await (bridge[method] as (r: unknown) => ReturnType<KeyportApi[ApiMethod]>)(request);
    } catch {
      // A transport failure (window closing, bridge gone) carries no useful or safe text.
      throw new ApiError('INTERNAL', 'Keyport could not reach its vault; nothing was changed.');
    }
    if (result.ok) return result.value;
    throw new ApiError(result.error.code, result.error.message, result.error.details);
  };
  const methods = Object.keys(apiMethods) as ApiMethod[];
  return Object.fromEntries(
    methods.map((method) => [method, (request: unknown) => call(method, request)]),
  ) as Api;
}

/** The app's client over the preload's `window.keyport`: the one place that touches it. */
export function windowApi(): Api {
  return createApi(typeof window === 'undefined' ? undefined : window.keyport);
}

/** What a system error code means, for a message that carries one (EISDIR…). */
const ERRNO_SENTENCES: Record<string, string> = {
  EISDIR: 'That path is a folder, not a file: choose a file.',
  ENOTDIR: 'Part of that path is a file where a folder was expected.',
  ENOENT: 'That file or folder does not exist.',
  EACCES: 'Keyport is not allowed to open that file: check its permissions.',
  EPERM: 'Keyport is not allowed to open that file: check its permissions.',
  EROFS: 'That file is on a read-only disk.',
  ENOSPC: 'The disk is full.',
  EBUSY: 'Another program is using that file; try again.',
  EEXIST: 'Something already exists at that path.',
};

/** Sentences for codes whose message came back empty; the core's own words win otherwise. */
const CODE_SENTENCES: Partial<Record<KeyportErrorCode, string>> = {
  PATH_NOT_ALLOWED: 'Keyport may only use the standard files or ones you choose with Choose file….',
  NOT_A_REGULAR_FILE: 'That is not a regular file (a folder, device or pipe); choose a file.',
  TOO_LARGE: 'That file is too large for a config file; Keyport did not read it.',
  USER_DECLINED: 'Nothing was changed: you said No.',
};

/**
 * The sentence to show: never an errno code or a raw system message (`EISDIR: illegal operation
 * on a directory`), which says nothing to most people.
 */
export function plainMessage(code: KeyportErrorCode, message: string): string {
  const errno = /\b(E[A-Z]{2,8})\b/.exec(message)?.[1];
  if (errno && ERRNO_SENTENCES[errno]) return `${ERRNO_SENTENCES[errno]} Nothing was changed.`;
  if (message.trim() === '')
    return CODE_SENTENCES[code] ?? 'Something went wrong; nothing was changed.';
  return message;
}

/** Anything thrown by an api call, as {code, message}; foreign errors lose their text. */
export function errorInfoOf(err: unknown): KeyportErrorInfo {
  if (err instanceof ApiError) {
    const message = plainMessage(err.code, err.message);
    return err.details
      ? { code: err.code, message, details: err.details }
      : { code: err.code, message };
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Keyport; nothing was changed.' };
}

/**
 * The sentence to show for a failed call. The core's own words, except where the renderer knows
 * a fact worth putting first (how long to wait before retrying).
 */
export function failureText(err: unknown): string {
  const info = errorInfoOf(err);
  const wait = info.details?.retryAfterSeconds;
  if (info.code === 'RATE_LIMITED' && typeof wait === 'number') {
    return `Too many requests; try again in ${Math.ceil(wait)} s`;
  }
  if (info.code === 'RATE_LIMITED') return 'Too many requests; try again in a moment.';
  return info.message;
}
