import { pathToFileURL } from 'node:url';

/**
 * Which page may talk to main: the built index.html we loaded, or the dev server in `npm run dev`.
 * Anything else (a navigated-away page, an iframe, another file) is refused.
 */
export function createOriginCheck(rendererFile: string, devServerUrl: string | undefined) {
  const fileUrl = pathToFileURL(rendererFile).href;
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  return (frameUrl: string | undefined, isMainFrame: boolean): boolean => {
    if (!frameUrl || !isMainFrame) return false;
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (url.protocol === 'file:') return `file://${url.pathname}` === fileUrl;
    return devOrigin !== undefined && url.origin === devOrigin;
  };
}
