import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultConfigPath, type PathContext } from '../configs/default-config-path';

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
function envSetting(env: NpmContext['env'], key: string): string | undefined {
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

/** A path-typed setting as npm resolves it: `~/` from the home folder, the rest from the cwd. */
function settingPath(value: string, ctx: NpmContext): string {
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
  const set = envSetting(ctx.env, 'userconfig');
  return set ? settingPath(set, ctx) : defaultConfigPath('npmrc', ctx);
}

/**
 * npm's global config file, as `npm config get globalconfig` names it from the environment:
 * `npm_config_globalconfig`, else `etc/npmrc` under the prefix (`npm_config_prefix`, else the
 * default prefix). A `prefix` or `globalconfig` set inside the user's own .npmrc also moves it;
 * that file is not read here.
 */
export function npmGlobalConfig(ctx: NpmContext): string {
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  const set = envSetting(ctx.env, 'globalconfig');
  if (set) return settingPath(set, ctx);
  const prefix = envSetting(ctx.env, 'prefix');
  return p.resolve(prefix ? settingPath(prefix, ctx) : defaultPrefix(ctx), 'etc', 'npmrc');
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
