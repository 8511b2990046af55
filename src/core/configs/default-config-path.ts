import path from 'node:path';
import type { ConfigFormat } from '../../shared/types';

export interface PathContext {
  home: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** For formats with a per-project file (.npmrc): the project folder. */
  projectDir?: string;
}

/** Where each client looks for its user-level file by default on each OS. */
export function defaultConfigPath(format: ConfigFormat, ctx: PathContext): string {
  const win = ctx.platform === 'win32';
  // Compute Windows paths with win32 rules even when running elsewhere (tests, previews).
  const p = win ? path.win32 : path.posix;
  const appData = ctx.env.APPDATA ?? p.join(ctx.home, 'AppData', 'Roaming');
  switch (format) {
    case 'npmrc':
      return p.join(ctx.projectDir ?? ctx.home, '.npmrc');
    case 'maven':
      return p.join(ctx.home, '.m2', 'settings.xml');
    case 'nuget':
      return win
        ? p.join(appData, 'NuGet', 'NuGet.Config')
        : p.join(ctx.home, '.nuget', 'NuGet', 'NuGet.Config');
    case 'netrc':
      return p.join(ctx.home, win ? '_netrc' : '.netrc');
    case 'pip':
      if (win) return p.join(appData, 'pip', 'pip.ini');
      if (ctx.platform === 'darwin')
        return p.join(ctx.home, 'Library', 'Application Support', 'pip', 'pip.conf');
      return p.join(ctx.env.XDG_CONFIG_HOME || p.join(ctx.home, '.config'), 'pip', 'pip.conf');
    case 'pypirc':
      return p.join(ctx.home, '.pypirc');
    case 'yarnrc':
      // Yarn reads the project's file and ~/.yarnrc.yml (its home folder on every OS).
      return p.join(ctx.projectDir ?? ctx.home, '.yarnrc.yml');
    case 'composer':
      // A project's auth.json sits beside its composer.json; the user's in $COMPOSER_HOME.
      return ctx.projectDir
        ? p.join(ctx.projectDir, 'auth.json')
        : p.join(composerHome(ctx), 'auth.json');
    case 'bundler':
      if (ctx.projectDir) {
        // BUNDLE_APP_CONFIG names the project's config folder (relative to the project).
        const app = ctx.env.BUNDLE_APP_CONFIG;
        return p.join(
          app ? p.resolve(ctx.projectDir, app) : p.join(ctx.projectDir, '.bundle'),
          'config',
        );
      }
      return bundlerUserConfig(ctx);
    case 'gradle':
      // The user-level file, outside any repository: Gradle reads it for every build, and it
      // beats the build's own gradle.properties.
      return p.join(ctx.env.GRADLE_USER_HOME || p.join(ctx.home, '.gradle'), 'gradle.properties');
  }
}

/**
 * Composer's home (Factory::getHomeDir): $COMPOSER_HOME, else %APPDATA%\Composer on Windows,
 * else $XDG_CONFIG_HOME/composer (~/.config/composer) on systems that use XDG folders (Linux),
 * ~/.composer elsewhere (macOS). Composer itself picks ~/.composer on Linux too when only that
 * folder exists; the scanner reads both.
 */
export function composerHome(ctx: PathContext): string {
  const win = ctx.platform === 'win32';
  const p = win ? path.win32 : path.posix;
  if (ctx.env.COMPOSER_HOME) return ctx.env.COMPOSER_HOME;
  if (win) return p.join(ctx.env.APPDATA ?? p.join(ctx.home, 'AppData', 'Roaming'), 'Composer');
  if (ctx.platform === 'darwin') return p.join(ctx.home, '.composer');
  return p.join(ctx.env.XDG_CONFIG_HOME || p.join(ctx.home, '.config'), 'composer');
}

/** Bundler's user file (Settings#global_config_file): $BUNDLE_CONFIG, $BUNDLE_USER_CONFIG, … */
function bundlerUserConfig(ctx: PathContext): string {
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  const { env } = ctx;
  if (env.BUNDLE_CONFIG) return env.BUNDLE_CONFIG;
  if (env.BUNDLE_USER_CONFIG) return env.BUNDLE_USER_CONFIG;
  if (env.BUNDLE_USER_HOME) return p.join(env.BUNDLE_USER_HOME, 'config');
  return p.join(ctx.home, '.bundle', 'config');
}
