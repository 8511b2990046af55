import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the clients look, from the user's environment: never a path the renderer names. */
export interface HelperPaths {
  home: string;
  env: NodeJS.ProcessEnv;
}

function xdgConfigHome({ home, env }: HelperPaths): string {
  return env.XDG_CONFIG_HOME || path.join(home, '.config');
}

/**
 * The file `git config --global` writes: $GIT_CONFIG_GLOBAL, else ~/.gitconfig, unless only
 * $XDG_CONFIG_HOME/git/config exists (git-config(1), FILES).
 */
export function gitGlobalConfigPath(paths: HelperPaths): string {
  if (paths.env.GIT_CONFIG_GLOBAL) return paths.env.GIT_CONFIG_GLOBAL;
  const dotfile = path.join(paths.home, '.gitconfig');
  const xdg = path.join(xdgConfigHome(paths), 'git', 'config');
  return !existsSync(dotfile) && existsSync(xdg) ? xdg : dotfile;
}

/** Docker's own config.json ($DOCKER_CONFIG); Podman, Skopeo and Buildah read it last. */
export function dockerConfigPath(paths: HelperPaths): string {
  return path.join(paths.env.DOCKER_CONFIG || path.join(paths.home, '.docker'), 'config.json');
}

/**
 * The containers auth files Podman, Skopeo and Buildah read before Docker's config.json, in
 * their order (containers-auth.json(5)): $REGISTRY_AUTH_FILE or $XDG_RUNTIME_DIR's, then
 * $XDG_CONFIG_HOME/containers/auth.json. A login saved in one of them for a host wins over a
 * helper named in a later file.
 */
export function containersAuthPaths(paths: HelperPaths): string[] {
  const primary =
    paths.env.REGISTRY_AUTH_FILE ||
    (paths.env.XDG_RUNTIME_DIR
      ? path.join(paths.env.XDG_RUNTIME_DIR, 'containers', 'auth.json')
      : null);
  const user = path.join(xdgConfigHome(paths), 'containers', 'auth.json');
  return [...new Set([...(primary ? [primary] : []), user])];
}
