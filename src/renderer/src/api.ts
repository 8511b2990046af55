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

  constructor(code: KeyportErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
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
    throw new ApiError(result.error.code, result.error.message);
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
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: 'Something went wrong inside Keyport; nothing was changed.' };
}
