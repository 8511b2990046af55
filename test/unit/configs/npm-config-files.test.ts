import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../src/core/open-core';
import {
  nodeOnPath,
  npmGlobalConfig,
  npmUserConfig,
  readNpmUserSettings,
} from '../../../src/core/configs/npm-config-files';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { useTempDirs } from '../../support/temp-dir';

// The Linux rules are compared with the real `npm config get` in
// test/integration/configs/npm-config-files.test.ts; Windows has no npm here, so its rule is
// checked against @npmcli/config's own code (the prefix is node.exe's own folder).
const tempDir = useTempDirs();
const linux = { home: '/h', platform: 'linux' as const, nodeExecPath: '/opt/node/bin/node' };

describe('npm’s config files', () => {
  it('global: npm_config_globalconfig, else etc/npmrc under npm_config_prefix, $PREFIX or node’s prefix', () => {
    const global = (env: Record<string, string>) => npmGlobalConfig({ ...linux, env });
    expect(global({})).toBe('/opt/node/etc/npmrc');
    expect(global({ DESTDIR: '/d' })).toBe('/d/opt/node/etc/npmrc');
    expect(global({ PREFIX: '/p', DESTDIR: '/d' })).toBe('/p/etc/npmrc');
    expect(global({ PREFIX: '/p', NPM_CONFIG_PREFIX: '/q' })).toBe('/q/etc/npmrc');
    expect(global({ npm_config_prefix: '~/g' })).toBe('/h/g/etc/npmrc');
    expect(global({ npm_config_prefix: '', npm_config_globalconfig: '/x/rc' })).toBe('/x/rc');
    const win = { home: 'C:\\Users\\u', platform: 'win32' as const, env: {} };
    expect(npmGlobalConfig({ ...win, nodeExecPath: 'C:\\Program Files\\nodejs\\node.exe' })).toBe(
      'C:\\Program Files\\nodejs\\etc\\npmrc',
    );
  });

  it('the user’s .npmrc moves it (top-level prefix or globalconfig), unless the environment says', async () => {
    const home = tempDir();
    writeFileSync(
      path.join(home, '.npmrc'),
      'prefix=${HOME}/g\n\\${HOME}=x\n[section]\nglobalconfig=/not/top-level\n',
    );
    const ctx = { ...linux, home, env: { HOME: home } };
    const user = await readNpmUserSettings(ctx);
    expect(user).toEqual({ prefix: '${HOME}/g' });
    expect(npmGlobalConfig(ctx, user)).toBe(path.join(home, 'g', 'etc', 'npmrc'));
    const env = { HOME: home, npm_config_prefix: '/e' };
    expect(npmGlobalConfig({ ...ctx, env }, user)).toBe('/e/etc/npmrc');
    expect(npmGlobalConfig(ctx, { ...user, globalconfig: '/\\${HOME}/rc' })).toBe('/${HOME}/rc');
    expect(await readNpmUserSettings({ ...ctx, home: path.join(home, 'none') })).toEqual({});
  });

  it('user: npm_config_userconfig in any case, else ~/.npmrc', () => {
    expect(npmUserConfig({ ...linux, env: {} })).toBe('/h/.npmrc');
    expect(npmUserConfig({ ...linux, env: { NPM_CONFIG_USERCONFIG: '~/u/rc' } })).toBe('/h/u/rc');
  });

  it.skipIf(process.platform === 'win32')(
    'the node npm runs on: the first runnable node on PATH, by its real path',
    () => {
      const root = tempDir();
      const dirs = ['empty', 'not-runnable', 'bin', 'opt/node/bin'].map((d) => path.join(root, d));
      for (const dir of dirs) mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dirs[1]!, 'node'), '', { mode: 0o644 });
      writeFileSync(path.join(dirs[3]!, 'node'), '', { mode: 0o755 });
      symlinkSync(path.join(dirs[3]!, 'node'), path.join(dirs[2]!, 'node'));
      const PATH = [path.join(root, 'missing'), ...dirs].join(path.delimiter);
      expect(nodeOnPath({ PATH }, 'linux')).toBe(realpathSync(path.join(dirs[3]!, 'node')));
      expect(nodeOnPath({ PATH: dirs.slice(0, 2).join(path.delimiter) }, 'linux')).toBeNull();
      expect(nodeOnPath({}, 'linux')).toBeNull();
    },
  );

  it('openCore’s nodeExecPath and env point the scan at a global npmrc in a temp folder', async () => {
    const root = tempDir();
    const global = path.join(root, 'prefix', 'etc', 'npmrc');
    mkdirSync(path.dirname(global), { recursive: true });
    writeFileSync(global, `//r.example/:_authToken=npm_${'x'.repeat(36)}\n`);
    const core = await openCore({
      version: 'test',
      access: { mode: 'cli' },
      dataDir: path.join(root, 'data'),
      home: path.join(root, 'home'),
      env: {},
      secrets: new MemorySecretStore(),
      nodeExecPath: path.join(root, 'prefix', 'bin', 'node'),
    });
    const findings = await core.service.scans.scan();
    expect(findings.map((f) => [f.file, f.level])).toEqual([[global, 'global']]);
    await core.close();
  });
});
