import type { ConfigFormat } from '../../shared/types';

/**
 * The native dialogs main shows on the renderer's behalf (Electron's `dialog` in the app, a
 * scripted answerer in tests). Whatever they return was chosen by the user, not by the page,
 * which is what lets main trust a path or an approval that came through them.
 */
export interface NativeDialogs {
  /** A Save dialog for a config file of this format, opened at `defaultPath`; null if cancelled. */
  pickConfigFile(request: { format: ConfigFormat; defaultPath: string }): Promise<string | null>;
  /** A folder picker; null if cancelled. */
  pickFolder(request: { title: string }): Promise<string | null>;
  /** A modal question on the window; true only when the user chose `confirmLabel`. */
  confirm(request: {
    title: string;
    message: string;
    detail: string;
    confirmLabel: string;
  }): Promise<boolean>;
}
