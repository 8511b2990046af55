import type { WebPreferences } from 'electron';

/** The window's session: in memory (no `persist:`), so no cache or storage of ours lingers on disk. */
export const KEYPORT_PARTITION = 'keyport';

/**
 * The renderer is untrusted: it runs React and whatever a compromised dependency brings. It gets
 * no Node, no Electron, its own isolated world and the OS sandbox; all it can do is call the
 * named functions the preload exposes.
 */
export function secureWebPreferences(
  preload: string,
  options: { isPackaged: boolean },
): WebPreferences {
  return {
    preload,
    // A console on our page is a console with `window.keyport`: development runs only.
    devTools: !options.isPackaged,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    partition: KEYPORT_PARTITION,
  };
}
