import path from 'node:path';
import type { ConfigFormat } from '../../shared/types';
import { defaultConfigPath, type PathContext } from '../configs/default-config-path';
import { scanLocations } from '../scan/scan-locations';

/**
 * The files a format's client reads without being told: the user file Keyport offers by default,
 * the ones the scanner reads (npm's global file, $PIP_CONFIG_FILE, ~/.pip/pip.conf, …) and pip's
 * system-wide files. Any of these may be written without a dialog, as the app's defaults are.
 */
export async function standardConfigFiles(
  format: ConfigFormat,
  ctx: Omit<PathContext, 'projectDir'> & { nodeExecPath: string },
): Promise<string[]> {
  const files = new Set<string>([defaultConfigPath(format, ctx)]);
  for (const location of await scanLocations(ctx)) {
    if (location.format === format) files.add(location.file);
  }
  if (format === 'pip' && ctx.platform !== 'win32') {
    // pip's "global" files; pip also reads $XDG_CONFIG_DIRS/pip/pip.conf, /etc/xdg by default.
    files.add(path.posix.join('/etc', 'pip.conf'));
    files.add(path.posix.join('/etc', 'xdg', 'pip', 'pip.conf'));
  }
  return [...files];
}
