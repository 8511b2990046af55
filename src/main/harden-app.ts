import type { App, Session, WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-links';

/** The parts of WebContents the guards use; vitest passes an EventEmitter-based stand-in. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** The parts of Session the permission guards use. */
export type GuardedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export type OpenExternal = (url: string) => Promise<void>;

/**
 * Electron security checklist #13, #14 and #15 for one WebContents: no new windows (an
 * allowlisted https link goes to the user's browser instead), no navigation or redirect away from
 * our page in any frame, and no webview.
 */
export function installNavigationGuards(
  contents: GuardedContents,
  openExternal: OpenExternal,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
  const deny = (event: { preventDefault(): void }): void => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-frame-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
}

/**
 * Checklist #5: Keyport needs no camera, microphone, notifications, geolocation, HID, USB or
 * serial device, so every request and check is refused, whichever page asks.
 */
export function installPermissionGuards(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** App-wide: the guards on the app's session and on every WebContents ever created. */
export function hardenApp(
  app: Pick<App, 'on'>,
  session: GuardedSession,
  openExternal: OpenExternal,
): void {
  installPermissionGuards(session);
  app.on('web-contents-created', (_event, contents) =>
    installNavigationGuards(contents, openExternal),
  );
}
