import { dispatch, type Handlers } from '../../src/core/ipc-handlers';
import {
  apiMethods,
  type ApiMethod,
  type Channel,
  type KeyportApi,
} from '../../src/shared/ipc-contract';

/**
 * `window.keyport` as the preload builds it (one function per contract method, each bound to its
 * channel), answered in process by main's own `dispatch` over the real core's handlers instead of
 * Electron's IPC. `before` runs ahead of each call (a test's call log, or a gate that holds it).
 */
export function inProcessKeyport(
  handlers: Handlers,
  before: (method: ApiMethod, request: unknown) => Promise<void> | void = () => {},
): KeyportApi {
  return Object.fromEntries(
    (Object.keys(apiMethods) as ApiMethod[]).map((method) => [
      method,
      async (request: unknown) => {
        await before(method, request);
        // Cloned like IPC does; it also moves the request out of the page's realm.
        return dispatch(handlers, apiMethods[method] as Channel, structuredClone(request));
      },
    ]),
  ) as KeyportApi;
}
