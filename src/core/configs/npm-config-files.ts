import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ini from 'ini';
import { readConfigFile } from './config-file';
import { defaultConfigPath, type PathContext } from './default-config-path';

/** What npm's own config loader (@npmcli/config) takes the locations of its files from. */
export interface NpmContext extends Omit<PathContext, 'projectDir'> {
  /**
   * The node binary npm runs on: npm's default global prefix is derived from it (the folder
   * above its bin/ folder; on Windows its own folder).
   */
  nodeExecPath: string;
}

/**
 * A setting from the environment as npm reads it: `npm_config_<key>` in any case, `_` read as `-`
 * after the first character, an empty value as unset; of two spellings the later one wins.
 */
export function npmEnvSetting(env: NpmContext['env'], key: string): string | undefined {
  let found: string | undefined;
  for (const [name, value] of Object.entries(env)) {
    if (!value || !/^npm_config_/i.test(name)) continue;
    const setting = name
      .slice('npm_config_'.length)
      .replace(/(?!^)_/g, '-')
      .toLowerCase();
    if (setting === key) found = value;
  }
  return found;
}

/**
 * npm's `${NAME}` in a setting (from the environment or a file): the variable's value, left as
 * written when unset, `${NAME?}` empty when unset; an odd run of backslashes before it escapes it.
 */
function envReplace(value: string, env: NpmContext['env']): string {
  return value.replace(
    /(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g,
    (whole, esc: string, name: string, q) => {
      if (esc.length % 2 === 1) return whole.slice((esc.length + 1) / 2);
      const fallback = q === '?' ? '' : `\${${name}}`;
      return esc.slice(esc.length / 2) + (env[name] ?? fallback);
    },
  );
}

/**
 * A path-typed setting (userconfig, prefix, cafile…) as npm resolves it, from the environment or
 * a file alike: variables expanded, then `~/` from the home folder, the rest from the cwd.
 */
export function npmSettingPath(raw: string, ctx: NpmContext): string {
  const value = envReplace(raw, ctx.env);
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  const tilde = ctx.platform === 'win32' ? /^~[/\\]/ : /^~\//;
  return tilde.test(value) ? p.resolve(ctx.home, value.slice(2)) : p.resolve(value);
}

/** npm's default global prefix: $PREFIX, else where node is installed ($DESTDIR before it on Unix). */
function defaultPrefix(ctx: NpmContext): string {
  if (ctx.env.PREFIX) return ctx.env.PREFIX;
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  if (ctx.platform === 'win32') return p.dirname(ctx.nodeExecPath);
  const prefix = p.dirname(p.dirname(ctx.nodeExecPath));
  return ctx.env.DESTDIR ? p.join(ctx.env.DESTDIR, prefix) : prefix;
}

/** npm's user config file: `npm_config_userconfig`, else ~/.npmrc. */
export function npmUserConfig(ctx: NpmContext): string {
  const set = npmEnvSetting(ctx.env, 'userconfig');
  return set ? npmSettingPath(set, ctx) : defaultConfigPath('npmrc', ctx);
}

/** What the user's own .npmrc may say of where npm's global file is. */
export interface NpmUserSettings {
  prefix?: string;
  globalconfig?: string;
}

/** The settings of an npm config file Keyport follows, as written (not yet resolved as paths). */
export interface NpmFileSettings extends NpmUserSettings {
  cafile?: string;
}

/** Read as npm reads a config file: INI, top-level keys only. */
export function npmFileSettings(text: string): NpmFileSettings {
  const parsed = ini.parse(text) as Record<string, unknown>;
  const settings: NpmFileSettings = {};
  for (const key of ['prefix', 'globalconfig', 'cafile'] as const) {
    const value = parsed[key];
    if (typeof value === 'string') settings[key] = value;
  }
  return settings;
}

/**
 * `prefix` and `globalconfig` from npm's user config file (`npm config set prefix ~/.npm-global`
 * is how npm's docs move global installs out of a root-owned folder); a missing or unreadable
 * file says nothing.
 */
export async function readNpmUserSettings(ctx: NpmContext): Promise<NpmUserSettings> {
  try {
    const read = await readConfigFile(npmUserConfig(ctx));
    if (read === null) return {};
    return npmFileSettings(read.bytes.toString('utf8'));
  } catch {
    return {};
  }
}

/**
 * npm's global config file, as `npm config get globalconfig` names it: `globalconfig` (the
 * environment's, else the user file's), else `etc/npmrc` under the prefix (the environment's,
 * else the user file's, else the default prefix). The environment wins over the user's file, as
 * in npm. A project's .npmrc cannot move it (npm refuses a prefix there with an error).
 */
export function npmGlobalConfig(ctx: NpmContext, user: NpmUserSettings = {}): string {
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  const set = npmEnvSetting(ctx.env, 'globalconfig') ?? user.globalconfig;
  if (set !== undefined) return npmSettingPath(set, ctx);
  const prefix = npmEnvSetting(ctx.env, 'prefix') ?? user.prefix;
  return p.resolve(
    prefix !== undefined ? npmSettingPath(prefix, ctx) : defaultPrefix(ctx),
    'etc',
    'npmrc',
  );
}

/**
 * The node that `npm` on this PATH runs on (its launcher is `#!/usr/bin/env node`; npm.cmd takes
 * the node.exe beside it, which is on PATH too), by its real path as its process.execPath would
 * be. Null when PATH has none. The app runs inside Electron, whose own binary says nothing of npm.
 */
export function nodeOnPath(env: NpmContext['env'], platform: NodeJS.Platform): string | null {
  const win = platform === 'win32';
  const p = win ? path.win32 : path.posix;
  const dirs = (env.PATH ?? env.Path ?? '').split(p.delimiter).filter(Boolean);
  for (const dir of dirs) {
    try {
      const real = realpathSync(p.join(dir, win ? 'node.exe' : 'node'));
      if (!statSync(real).isFile()) continue;
      if (!win) accessSync(real, constants.X_OK);
      return real;
    } catch {
      // Not here (or not runnable): npm's shell would go on to the next folder too.
    }
  }
  return null;
}
