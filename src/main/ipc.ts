import { KeyportError } from '../shared/errors';
import { requestSchemas, type Channel, type IpcResult } from '../shared/ipc-contract';
import { dispatch, type Handlers } from '../core/ipc-handlers';

export type SenderCheck = (frameUrl: string | undefined, isMainFrame: boolean) => boolean;

/** What main reads from an IPC event: the sending frame (for the check) and its WebContents. */
export interface IpcInvokeEvent<Sender = unknown> {
  senderFrame: { url: string; parent: unknown } | null;
  sender: Sender;
}

/** The part of `ipcMain` used here; vitest passes a Map-backed stand-in. */
export interface IpcMainPort<Sender = unknown> {
  handle(
    channel: string,
    listener: (event: IpcInvokeEvent<Sender>, payload: unknown) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** Sees every answer before it goes back (content protection for revealed secrets). */
export type AnswerHook<Sender> = (
  channel: Channel,
  result: IpcResult<unknown>,
  sender: Sender,
) => void;

/**
 * One `ipcMain.handle` per contract channel. Every message is checked to come from our own page's
 * main frame before its payload is even parsed; the payload is then validated by `dispatch`.
 */
export function registerIpc<Sender>(
  ipc: IpcMainPort<Sender>,
  handlers: Handlers,
  isTrusted: SenderCheck,
  onAnswer?: AnswerHook<Sender>,
): () => void {
  const channels = Object.keys(requestSchemas) as Channel[];
  for (const channel of channels) {
    ipc.handle(channel, async (event, payload) => {
      const frame = event.senderFrame;
      if (!isTrusted(frame?.url, frame !== null && frame.parent === null)) {
        return {
          ok: false,
          error: new KeyportError('IPC_FORBIDDEN', 'This page may not talk to Keyport.').toInfo(),
        };
      }
      const result = await dispatch(handlers, channel, payload);
      onAnswer?.(channel, result, event.sender);
      return result;
    });
  }
  return () => channels.forEach((c) => ipc.removeHandler(c));
}
