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
  }
}
