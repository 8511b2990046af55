import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmCafile } from '../../../src/core/configs/npmrc-cafile';
import { clientEnv, run } from '../../support/config-clients';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/** npm's context with HOME in a temp folder and its default global file there too (absent). */
function context(home: string, env: Record<string, string | undefined> = {}) {
  return { home, platform: process.platform, env, nodeExecPath: path.join(home, 'bin', 'node') };
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('npmCafile', () => {
  it("reads npm's cafile from the user's .npmrc", () => {
    const home = tempDir();
    writeFileSync(path.join(home, '.npmrc'), 'cafile=/etc/corp-ca.pem\n');
    expect(npmCafile(context(home))).toBe('/etc/corp-ca.pem');
  });

  it('ignores a FIFO named .npmrc instead of blocking on it', () => {
    const home = tempDir();
    // No writer ever opens this FIFO: a blocking open or read would hang the test.
    execFileSync('mkfifo', [path.join(home, '.npmrc')]);
    expect(npmCafile(context(home))).toBeUndefined();
  });

  it('ignores an .npmrc that leads to a device such as /dev/zero', () => {
    const home = tempDir();
    symlinkSync('/dev/zero', path.join(home, '.npmrc'));
    expect(npmCafile(context(home))).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')(
    'is the cafile the real `npm config get cafile` names: userconfig as ~/…, ${HOME}/… or in any case, the global file, the environment',
    async () => {
      const home = tempDir();
      write(path.join(home, 'x', '.npmrc'), 'cafile=~/ca-x.pem\n');
      write(path.join(home, 'y', '.npmrc'), 'cafile=${HOME}/ca-y.pem\n');
      // The user's prefix moves the global file, whose cafile counts when the user's has none.
      write(path.join(home, 'p', '.npmrc'), 'prefix=~/global\n');
      write(path.join(home, 'global', 'etc', 'npmrc'), 'cafile=~/ca-global.pem\n');
      // [the environment, the cafile npm uses under it]
      const cases: Array<[Record<string, string>, string]> = [
        [{ NPM_CONFIG_USERCONFIG: '~/x/.npmrc' }, 'ca-x.pem'],
        [{ npm_config_userconfig: '${HOME}/y/.npmrc' }, 'ca-y.pem'],
        [{ Npm_Config_UserConfig: '~/y/.npmrc' }, 'ca-y.pem'],
        [{ npm_config_userconfig: '~/p/.npmrc' }, 'ca-global.pem'],
        [{ npm_config_userconfig: '~/x/.npmrc', npm_config_cafile: '~/ca-env.pem' }, 'ca-env.pem'],
      ];
      // clientEnv drops the test's own npm_config_* and points the global file into the home;
      // here npm must find it itself, from the user's prefix (no file under its real prefix).
      const base = clientEnv(home);
      delete base.npm_config_globalconfig;
      const envs = cases.map(([env]) => ({ ...base, ...env }));
      const npm = await Promise.all(
        envs.map((env) => run('npm', ['config', 'get', 'cafile'], env, home)),
      );
      for (const [i, env] of envs.entries()) {
        const [given, cafile] = cases[i]!;
        const name = JSON.stringify(given);
        expect(npm[i], name).toMatchObject({ code: 0, stdout: `${path.join(home, cafile)}\n` });
        expect(npmCafile(context(home, env)), name).toBe(path.join(home, cafile));
      }
    },
  );
});
