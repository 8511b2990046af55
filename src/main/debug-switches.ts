/**
 * Switches that hand the app to another program: Chromium's remote debugging (CDP, which can run
 * script in our page and so call `window.keyport`) and Node's inspector for main. Chromium reads
 * switches with `--`, `-` (and `/` on Windows) and ignores case on Windows, so all spellings count.
 */
const DEBUG_SWITCH =
  /^(?:--?|\/)(remote-debugging-(?:port|pipe|address)|inspect(?:-brk|-port|-publish-uid)?|debug(?:-brk)?)(?:=|$)/i;

export interface LaunchArguments {
  isPackaged: boolean;
  /** process.argv: Chromium and app switches. */
  argv: readonly string[];
  /** process.execArgv: Node's own. */
  execArgv: readonly string[];
  /** NODE_OPTIONS (the fuse already ignores it in a packaged app; checked anyway). */
  nodeOptions: string | undefined;
}

/**
 * The debugging switches a packaged Keyport was started with; it must quit at once if there is
 * any. A development run keeps them: developers debug main and the renderer that way.
 */
export function debugSwitches(launch: LaunchArguments): string[] {
  if (!launch.isPackaged) return [];
  const words = [
    ...launch.argv,
    ...launch.execArgv,
    ...(launch.nodeOptions ?? '').split(/\s+/).filter(Boolean),
  ];
  return words.filter((word) => DEBUG_SWITCH.test(word)).map((word) => word.split('=')[0]!);
}
