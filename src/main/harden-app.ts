import { app, session, shell, type WebContents } from 'electron';

/** Hosts Keyport may open in the user's browser (documentation, registries' token pages). */
const EXTERNAL_ALLOWLIST = new Set([
  'docs.npmjs.com',
  'www.npmjs.com',
  'github.com',
  'learn.microsoft.com',
  'maven.apache.org',
  'pip.pypa.io',
]);

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && EXTERNAL_ALLOWLIST.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * App-wide guards from Electron's security checklist: no new windows (allowlisted https links go
 * to the browser instead), no navigation away from our page, no permission ever granted, no
 * webviews.
 */
export function hardenApp(partition: string): void {
  const ses = session.fromPartition(partition);
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
