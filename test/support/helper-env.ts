import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A child environment with nothing of the developer's: a temp HOME, git's global and system
 * config pointed away, no askpass program and no prompt (a missing credential fails instead of
 * waiting), pip's and npm's configs off.
 */
export function clientEnv(home: string, data: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    KEYPORT_HOME: data,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    PIP_CONFIG_FILE: '/dev/null',
  };
  for (const k of Object.keys(env)) {
    if (k.toLowerCase().startsWith('npm_config_') || /ASKPASS|^GIT_DIR$|^PIP_/.test(k))
      delete env[k];
  }
  env.PIP_CONFIG_FILE = '/dev/null';
  return env;
}

/** Every regular file under `dir` whose bytes contain `secret`: the proof that none is on disk. */
export function filesHolding(dir: string, secret: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const s = statSync(p, { throwIfNoEntry: false });
      if (!s) continue;
      if (s.isDirectory()) walk(p);
      else if (s.isFile() && readFileSync(p).includes(secret)) found.push(p);
    }
  };
  walk(dir);
  return found;
}
