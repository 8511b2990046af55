import type { BaseWindow, Dialog } from 'electron';
import type { NativeDialogs } from '../core/access/native-dialogs';
import type { ConfigFormat } from '../shared/types';

/** The parts of Electron's `dialog` Keyport shows; vitest passes a recording stand-in. */
export type DialogPort = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog' | 'showMessageBox'>;

const FORMAT_NAMES: Record<ConfigFormat, string> = {
  npmrc: 'npm config file',
  maven: 'Maven settings file',
  nuget: 'NuGet config file',
  netrc: 'netrc file',
  pip: 'pip config file',
  pypirc: 'pypirc file',
  yarnrc: 'Yarn configuration (.yarnrc.yml)',
  composer: 'Composer auth.json',
  bundler: 'Bundler config (.bundle/config)',
  gradle: 'Gradle properties (gradle.properties)',
};

/**
 * The dialogs main shows on the renderer's behalf, modal on the window. What they return was
 * chosen by the user in a window the page cannot draw into or click, which is why core may treat
 * a picked path as granted and a "yes" as consent.
 */
export function createNativeDialogs(
  dialog: DialogPort,
  window: () => BaseWindow | null,
): NativeDialogs {
  // Without a window (closed during a request) the dialogs would float free; refuse instead.
  const parent = (): BaseWindow | null => {
    const w = window();
    return w && !w.isDestroyed() ? w : null;
  };
  return {
    async pickConfigFile({ format, defaultPath }) {
      const w = parent();
      if (!w) return null;
      const result = await dialog.showSaveDialog(w, {
        title: `Choose the ${FORMAT_NAMES[format]} to write`,
        defaultPath,
        buttonLabel: 'Choose',
        // Keyport edits the file in place, so an "overwrite?" question would mislead.
        properties: ['showHiddenFiles', 'createDirectory', 'dontAddToRecent'],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async pickFolder({ title }) {
      const w = parent();
      if (!w) return null;
      const result = await dialog.showOpenDialog(w, {
        title,
        buttonLabel: 'Choose',
        properties: ['openDirectory', 'showHiddenFiles', 'dontAddToRecent'],
      });
      return result.canceled || result.filePaths.length !== 1 ? null : result.filePaths[0]!;
    },
    async confirm({ title, message, detail, confirmLabel }) {
      const w = parent();
      if (!w) return false;
      const { response } = await dialog.showMessageBox(w, {
        type: 'warning',
        title,
        message,
        detail,
        buttons: [confirmLabel, 'Cancel'],
        // Enter and Escape both mean Cancel: a yes takes a deliberate click.
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      return response === 0;
    },
  };
}
