import os from 'node:os';
import path from 'node:path';

/** The user's home, OS and environment: what every default config location is computed from. */
export interface PathEnvironment {
  home: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/**
 * Where Keyport keeps its metadata. `KEYPORT_HOME` wins so tests, CI and people with several
 * setups can point the app and the CLI at the same (or a separate) place.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.KEYPORT_HOME) return path.resolve(env.KEYPORT_HOME);
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'keyport');
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'keyport');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'keyport');
}
