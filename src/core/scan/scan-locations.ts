import path from 'node:path';
import { defaultConfigPath, type PathContext } from '../configs/default-config-path';
import {
  npmGlobalConfig,
  npmUserConfig,
  readNpmUserSettings,
  type NpmContext,
} from '../configs/npm-config-files';
import type { ScanFormat, ScanLevel } from '../../shared/types';

export interface ScanLocation {
  format: ScanFormat;
  file: string;
  level: ScanLevel;
}

/**
 * The files package managers read credentials from, user and project level (and npm's global
 * file), in the order each client gives them precedence: earlier entries win for the same key.
 */
export async function scanLocations(ctx: PathContext & NpmContext): Promise<ScanLocation[]> {
  const { home, env, projectDir } = ctx;
  const win = ctx.platform === 'win32';
  const p = win ? path.win32 : path.posix;
  const user = (format: ScanFormat, file: string): ScanLocation => ({
    format,
    file,
    level: 'user',
  });
  const project = (format: ScanFormat, file: string): ScanLocation => ({
    format,
    file,
    level: 'project',
  });
  const locations: ScanLocation[] = [];
  if (projectDir) {
    locations.push(project('npmrc', p.join(projectDir, '.npmrc')));
    locations.push(project('yarnrc', p.join(projectDir, '.yarnrc.yml')));
    locations.push(project('nuget', p.join(projectDir, 'NuGet.Config')));
    locations.push(project('nuget', p.join(projectDir, 'nuget.config')));
    locations.push(project('pip', p.join(projectDir, 'pip.conf')));
    locations.push(project('composer', defaultConfigPath('composer', ctx)));
    locations.push(project('bundler', defaultConfigPath('bundler', ctx)));
  }
  const userLevel = { ...ctx, projectDir: undefined };
  locations.push(user('npmrc', npmUserConfig(userLevel)));
  // The user's .npmrc can move the global one (its prefix), so it is read for that first.
  const npmUser = await readNpmUserSettings(userLevel);
  locations.push({ format: 'npmrc', file: npmGlobalConfig(userLevel, npmUser), level: 'global' });
  locations.push(user('yarnrc', p.join(home, '.yarnrc.yml')));
  locations.push(user('maven', defaultConfigPath('maven', ctx)));
  locations.push(user('nuget', defaultConfigPath('nuget', ctx)));
  locations.push(user('netrc', defaultConfigPath('netrc', ctx)));
  locations.push(user('pip', env.PIP_CONFIG_FILE || defaultConfigPath('pip', ctx)));
  if (!win) locations.push(user('pip', p.join(home, '.pip', 'pip.conf')));
  locations.push(user('pypirc', defaultConfigPath('pypirc', ctx)));
  locations.push(user('composer', defaultConfigPath('composer', userLevel)));
  // Composer on Linux falls back to ~/.composer when ~/.config/composer does not exist.
  if (!win && !ctx.env.COMPOSER_HOME)
    locations.push(user('composer', p.join(home, '.composer', 'auth.json')));
  locations.push(user('bundler', defaultConfigPath('bundler', userLevel)));
  // Gradle: the user-level file beats the build's own (the opposite of npm's order).
  locations.push(user('gradle', defaultConfigPath('gradle', ctx)));
  if (projectDir) locations.push(project('gradle', p.join(projectDir, 'gradle.properties')));
  // The same file can be reached twice (e.g. the project is the home folder).
  const seen = new Set<string>();
  return locations.filter((l) => !seen.has(l.file) && seen.add(l.file));
}
