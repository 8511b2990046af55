/**
 * Which page may talk to main: our own page served from `appEntryUrl`'s scheme and host
 * (app://keyport), or the dev server in `npm run dev`. Anything else (a navigated-away page, an
 * iframe, a file:// page, another host) is refused.
 */
export function createOriginCheck(appEntryUrl: string, devServerUrl: string | undefined) {
  const app = new URL(appEntryUrl);
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  return (frameUrl: string | undefined, isMainFrame: boolean): boolean => {
    if (!frameUrl || !isMainFrame) return false;
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    // Custom schemes have an opaque origin in WHATWG URL, so compare scheme and host.
    if (url.protocol === app.protocol) return url.host === app.host && url.host !== '';
    return devOrigin !== undefined && url.origin === devOrigin;
  };
}
