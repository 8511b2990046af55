import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ini from 'ini';
import { MAX_CONFIG_BYTES } from '../configs/config-file';

/**
 * npm's `cafile` setting from the user's ~/.npmrc (or $NPM_CONFIG_USERCONFIG), so registries
 * behind a corporate CA work in Keyport exactly as they do in npm. Missing or unreadable → none.
 */
export function npmCafile(env: NodeJS.ProcessEnv, home: string): string | undefined {
  if (env.npm_config_cafile || env.NPM_CONFIG_CAFILE)
    return env.npm_config_cafile || env.NPM_CONFIG_CAFILE;
  const userconfig =
    env.npm_config_userconfig || env.NPM_CONFIG_USERCONFIG || path.join(home, '.npmrc');
  try {
    const text = readRegularFile(userconfig);
    if (text === null) return undefined;
    const parsed = ini.parse(text) as Record<string, unknown>;
    return typeof parsed.cafile === 'string' && parsed.cafile ? parsed.cafile : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file's text if it is a regular file within the config cap, else null. Opened non-blocking
 * and checked on the descriptor: a FIFO or /dev/zero named .npmrc must not hang or flood every
 * registry command (this runs synchronously, on the first registry call).
 */
function readRegularFile(file: string): string | null {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_CONFIG_BYTES) return null;
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
