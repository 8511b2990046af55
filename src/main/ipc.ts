import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { KeyportError } from '../shared/errors';
import { requestSchemas, type Channel } from '../shared/ipc-contract';
import { dispatch, type Handlers } from '../core/ipc-handlers';

export type SenderCheck = (frameUrl: string | undefined, isMainFrame: boolean) => boolean;

/**
 * One `ipcMain.handle` per contract channel. Every message is checked to come from our own page's
 * main frame before its payload is even parsed; the payload is then validated by `dispatch`.
 */
export function registerIpc(handlers: Handlers, isTrusted: SenderCheck): () => void {
  const channels = Object.keys(requestSchemas) as Channel[];
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      if (!isTrusted(frame?.url, frame !== null && frame.parent === null)) {
        return {
          ok: false,
          error: new KeyportError('IPC_FORBIDDEN', 'This page may not talk to Keyport.').toInfo(),
        };
      }
      return dispatch(handlers, channel, payload);
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
