import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods, type ApiMethod, type KeyportApi } from '../shared/ipc-contract';

/**
 * `window.keyport`: one function per contract call, each bound to its own channel. The renderer
 * cannot name a channel, so it can reach nothing the contract does not list.
 */
const api = Object.fromEntries(
  (Object.keys(apiMethods) as ApiMethod[]).map((name) => {
    const channel = apiMethods[name];
    return [name, (request: unknown) => ipcRenderer.invoke(channel, request)];
  }),
) as KeyportApi;

contextBridge.exposeInMainWorld('keyport', Object.freeze(api));
