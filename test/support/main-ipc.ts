import { createHandlers } from '../../src/core/ipc-handlers';
import type { KeyportService } from '../../src/core/service';
import { APP_ENTRY_URL } from '../../src/main/app-protocol';
import {
  registerIpc,
  type AnswerHook,
  type IpcInvokeEvent,
  type IpcMainPort,
} from '../../src/main/ipc';
import { createOriginCheck } from '../../src/main/trusted-origin';
import type { KeyportErrorInfo } from '../../src/shared/errors';
import type { Channel, IpcResult, ResponseOf } from '../../src/shared/ipc-contract';

type Listener<S> = Parameters<IpcMainPort<S>['handle']>[1];
type Frame = IpcInvokeEvent['senderFrame'];

/** Our own page's main frame: what script injected into the renderer sends from. */
const TRUSTED_FRAME: Frame = { url: APP_ENTRY_URL, parent: null };

/** Main's real IPC registration, reached the way a page in our own frame reaches it. */
export interface MainIpc {
  /** The channels registered, as main registers them. */
  channels(): string[];
  /** Removes every handler (what registerIpc's return value does). */
  unregister(): void;
  /** The raw answer main sends back to the page; from our trusted frame unless told otherwise. */
  invoke(channel: string, payload: unknown, frame?: Frame): Promise<IpcResult<unknown>>;
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
export function wireMainIpc<S = null>(
  service: KeyportService,
  options: { sender?: S; onAnswer?: AnswerHook<S> } = {},
): MainIpc {
  const listeners = new Map<string, Listener<S>>();
  const ipc: IpcMainPort<S> = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
  const unregister = registerIpc(
    ipc,
    createHandlers(service),
    createOriginCheck(APP_ENTRY_URL, undefined),
    options.onAnswer,
  );
  const invoke = async (channel: string, payload: unknown, frame: Frame = TRUSTED_FRAME) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: frame, sender: options.sender as S };
    return (await listener(event, payload)) as IpcResult<unknown>;
  };
  return {
    channels: () => [...listeners.keys()],
    unregister,
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
