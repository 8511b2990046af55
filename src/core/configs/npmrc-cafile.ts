import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { MAX_CONFIG_BYTES } from './config-file';
import {
  npmEnvSetting,
  npmFileSettings,
  npmGlobalConfig,
  npmSettingPath,
  npmUserConfig,
  type NpmContext,
  type NpmFileSettings,
} from './npm-config-files';

/**
 * npm's `cafile` setting, so registries behind a corporate CA work in Keyport exactly as they do
 * in npm: the environment's, else the user config file's, else the global one's, each file found
 * and the path resolved as npm does (`~/`, `${VAR}`). A project's .npmrc is not read: Keyport
 * talks to registries for the user, not for one project. Missing or unreadable → none.
 */
export function npmCafile(ctx: NpmContext): string | undefined {
  const fromEnv = npmEnvSetting(ctx.env, 'cafile');
  if (fromEnv) return npmSettingPath(fromEnv, ctx);
  const user = readSettings(npmUserConfig(ctx));
  const cafile = user.cafile ?? readSettings(npmGlobalConfig(ctx, user)).cafile;
  return cafile ? npmSettingPath(cafile, ctx) : undefined;
}

function readSettings(file: string): NpmFileSettings {
  try {
    const text = readRegularFile(file);
    return text === null ? {} : npmFileSettings(text);
  } catch {
    return {};
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
