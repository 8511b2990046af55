import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeOnPath, npmGlobalConfig } from '../../../src/core/configs/npm-config-files';
import { scanLocations } from '../../../src/core/scan/scan-locations';
import { clientEnv, run, tempHome } from '../../support/config-clients';

// The real npm names its global and user config files for an environment and the user's .npmrc;
// the scanner and the path policy must look at the same ones. Paths are absolute or under ~ (a
// relative one npm resolves from its own working folder).
let home: string;

beforeAll(() => {
  home = tempHome('keyport-npm-config-');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** An environment on top of the test's, and what the user's .npmrc holds (none: no file). */
const CASES: Array<{ env: Record<string, string>; npmrc?: string }> = [
  { env: {} },
  { env: { npm_config_prefix: '/opt/kp-a' } },
  { env: { NPM_CONFIG_PREFIX: '/opt/kp-b' } },
  { env: { npm_config_prefix: '', PREFIX: '/opt/kp-c' } },
  { env: { PREFIX: '/opt/kp-c', npm_config_prefix: '/opt/kp-a' } },
  { env: { DESTDIR: '/kp-dest' } },
  { env: { PREFIX: '/opt/kp-c', DESTDIR: '/kp-dest' } },
  { env: { npm_config_prefix: '~/kp-global' } },
  { env: { npm_config_prefix: '${NO_SUCH_VARIABLE?}/kp-q' } },
  { env: { npm_config_globalconfig: '/kp/x/npmrc', npm_config_prefix: '/opt/kp-a' } },
  { env: { NPM_CONFIG_GLOBALCONFIG: '~/kp/y/npmrc', npm_config_userconfig: '~/kp/.npmrc' } },
  { env: { npm_config_globalconfig: '', NPM_CONFIG_USERCONFIG: '/kp/u/.npmrc' } },
  // npm's own advice for global installs without root: `npm config set prefix ~/.npm-global`.
  { env: {}, npmrc: 'prefix=~/.npm-global\n' },
  { env: {}, npmrc: 'prefix=${HOME}/kp-p\nglobalconfig=/kp/user/npmrc\n' },
  { env: { npm_config_prefix: '/opt/kp-a' }, npmrc: 'prefix=/kp/user-prefix\n' },
  { env: {}, npmrc: '[section]\nprefix=/kp/not-top-level\n' },
];

describe('npm’s config file locations', () => {
  it('are the ones `npm config get globalconfig userconfig` names for the same environment', async () => {
    const base = clientEnv(home);
    // clientEnv points npm's global file into the temp home: here npm must find it itself.
    for (const name of ['npm_config_globalconfig', 'PREFIX', 'DESTDIR']) delete base[name];
    // npm runs on the node its PATH finds; its real path is the prefix npm derives.
    const node = await run('node', ['-p', 'process.execPath'], base, home);
    expect(node.code).toBe(0);
    const nodeExecPath = node.stdout.trim();
    // What openCore takes by default (the app runs in Electron, whose binary is no node).
    expect(nodeOnPath(base, process.platform)).toBe(nodeExecPath);
    const envs = CASES.map(({ env, npmrc }, i) => {
      if (npmrc === undefined) return { ...base, ...env };
      const userconfig = path.join(home, `user-${i}.npmrc`);
      writeFileSync(userconfig, npmrc);
      return { ...base, ...env, npm_config_userconfig: userconfig };
    });
    const answers = await Promise.all(
      envs.map((env) => run('npm', ['config', 'get', 'globalconfig', 'userconfig'], env, home)),
    );
    for (const [i, env] of envs.entries()) {
      const answer = answers[i]!;
      const name = JSON.stringify(CASES[i]);
      expect(answer.code, name).toBe(0);
      const npm = Object.fromEntries(
        answer.stdout
          .trim()
          .split('\n')
          .map((line) => line.split('=', 2) as [string, string]),
      );
      const ctx = { home, platform: process.platform, env, nodeExecPath };
      const locations = await scanLocations(ctx);
      const npmrc = locations.filter((l) => l.format === 'npmrc').map((l) => [l.level, l.file]);
      expect(npmrc, name).toEqual([
        ['user', npm.userconfig],
        ['global', npm.globalconfig],
      ]);
    }
    // Not a vacuous match: the cases do move the files (only two pairs land on the same ones).
    expect(new Set(answers.map((a) => a.stdout)).size).toBe(CASES.length - 2);
    expect(npmGlobalConfig({ home, platform: process.platform, env: {}, nodeExecPath })).toBe(
      path.join(path.dirname(path.dirname(nodeExecPath)), 'etc', 'npmrc'),
    );
  }, 60_000);
});
