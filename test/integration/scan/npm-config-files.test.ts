import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  nodeOnPath,
  npmGlobalConfig,
  npmUserConfig,
} from '../../../src/core/scan/npm-config-files';
import { clientEnv, run, tempHome } from '../../support/config-clients';

// The real npm names its global and user config files for an environment; the scanner and the
// path policy must look at the same ones. Paths are absolute or under ~ (a relative one npm
// resolves from its own working folder).
let home: string;

beforeAll(() => {
  home = tempHome('keyport-npm-config-');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const CASES: Array<Record<string, string>> = [
  {},
  { npm_config_prefix: '/opt/kp-a' },
  { NPM_CONFIG_PREFIX: '/opt/kp-b' },
  { npm_config_prefix: '', PREFIX: '/opt/kp-c' },
  { PREFIX: '/opt/kp-c', npm_config_prefix: '/opt/kp-a' },
  { DESTDIR: '/kp-dest' },
  { PREFIX: '/opt/kp-c', DESTDIR: '/kp-dest' },
  { npm_config_prefix: '~/kp-global' },
  { npm_config_globalconfig: '/kp/x/npmrc', npm_config_prefix: '/opt/kp-a' },
  { NPM_CONFIG_GLOBALCONFIG: '~/kp/y/npmrc', npm_config_userconfig: '~/kp/.npmrc' },
  { npm_config_globalconfig: '', NPM_CONFIG_USERCONFIG: '/kp/u/.npmrc' },
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
    const answers = await Promise.all(
      CASES.map((extra) =>
        run('npm', ['config', 'get', 'globalconfig', 'userconfig'], { ...base, ...extra }, home),
      ),
    );
    CASES.forEach((extra, i) => {
      const answer = answers[i]!;
      expect(answer.code, JSON.stringify(extra)).toBe(0);
      const npm = Object.fromEntries(
        answer.stdout
          .trim()
          .split('\n')
          .map((line) => line.split('=', 2) as [string, string]),
      );
      const ctx = { home, platform: process.platform, env: { ...base, ...extra }, nodeExecPath };
      expect(
        { global: npmGlobalConfig(ctx), user: npmUserConfig(ctx) },
        JSON.stringify(extra),
      ).toEqual({ global: npm.globalconfig, user: npm.userconfig });
    });
    // Not a vacuous match: the cases do move the files.
    expect(new Set(answers.map((a) => a.stdout)).size).toBe(9);
    expect(npmGlobalConfig({ home, platform: process.platform, env: {}, nodeExecPath })).toBe(
      path.join(path.dirname(path.dirname(nodeExecPath)), 'etc', 'npmrc'),
    );
  }, 60_000);
});
