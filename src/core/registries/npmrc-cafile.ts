import { readFileSync } from 'node:fs';
import path from 'node:path';
import ini from 'ini';

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
    const parsed = ini.parse(readFileSync(userconfig, 'utf8')) as Record<string, unknown>;
    return typeof parsed.cafile === 'string' && parsed.cafile ? parsed.cafile : undefined;
  } catch {
    return undefined;
  }
}
