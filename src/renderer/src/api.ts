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

/** Anything thrown by an api call, as {code, message}; foreign errors lose their text. */
export function errorInfoOf(err: unknown): KeyportErrorInfo {
  if (err instanceof ApiError) {
    return err.details
      ? { code: err.code, message: err.message, details: err.details }
      : { code: err.code, message: err.message };
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
