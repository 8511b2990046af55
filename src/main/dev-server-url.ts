/**
 * The renderer URL electron-vite's dev server gives, honoured only in a development run. In a
 * packaged app the variable would let anyone who can start Keyport (a shortcut, a script) load a
 * page of their choosing with the whole `window.keyport` API.
 */
export function devServerUrl(
  isPackaged: boolean,
  env: Record<string, string | undefined>,
): string | undefined {
  return isPackaged ? undefined : env.ELECTRON_RENDERER_URL || undefined;
}
