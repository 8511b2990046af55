import { createHandlers } from '../../src/core/ipc-handlers';
import type { KeyportService } from '../../src/core/service';
import { APP_ENTRY_URL } from '../../src/main/app-protocol';
import { registerIpc, type IpcInvokeEvent, type IpcMainPort } from '../../src/main/ipc';
import { createOriginCheck } from '../../src/main/trusted-origin';
import type { KeyportErrorInfo } from '../../src/shared/errors';
import type { Channel, IpcResult, ResponseOf } from '../../src/shared/ipc-contract';

type Listener = Parameters<IpcMainPort['handle']>[1];

/** Main's real IPC registration, reached the way a page in our own frame reaches it. */
export interface MainIpc {
  /** The raw answer main sends back to the page. */
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  /** The value of an answer that must succeed. */
  call<C extends Channel>(channel: C, payload: unknown): Promise<ResponseOf<C>>;
  /** The error of an answer that must fail. */
  refused(channel: Channel, payload: unknown): Promise<KeyportErrorInfo>;
}

/**
 * `registerIpc` as main/index.ts calls it, over a Map standing in for `ipcMain` (the Electron
 * binary cannot run here). Every call comes from the trusted frame: app://keyport/, main frame,
 * which is exactly what script injected into the renderer would have.
 */
export function wireMainIpc(service: KeyportService): MainIpc {
  const listeners = new Map<string, Listener>();
  const ipc: IpcMainPort = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
  registerIpc(ipc, createHandlers(service), createOriginCheck(APP_ENTRY_URL, undefined));
  const trustedFrame: IpcInvokeEvent = {
    senderFrame: { url: APP_ENTRY_URL, parent: null },
    sender: null,
  };
  const invoke = async (channel: string, payload: unknown) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return (await listener(trustedFrame, payload)) as IpcResult<unknown>;
  };
  return {
    invoke,
    async call(channel, payload) {
      const result = await invoke(channel, payload);
      if (!result.ok)
        throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async refused(channel, payload) {
      const result = await invoke(channel, payload);
      if (result.ok) throw new Error(`${channel} succeeded but should have been refused`);
      return result.error;
    },
  };
}
