import { describe, expect, it } from 'vitest';
import { defaultConfigPath } from '../../../src/core/configs/default-config-path';
import { decodeName, encodeLocalName } from '../../../src/core/configs/nuget-name';
import { nerfDart } from '../../../src/core/registries/registry-url';

describe('nerfDart', () => {
  it.each([
    ['https://registry.npmjs.org', '//registry.npmjs.org/'],
    ['https://registry.npmjs.org/', '//registry.npmjs.org/'],
    ['https://NPM.Example.COM:443/a/b?x=1#y', '//npm.example.com/a/b/'],
    ['http://localhost:80/npm/', '//localhost/npm/'],
    ['http://localhost:4873', '//localhost:4873/'],
    ['https://npm.pkg.github.com/owner', '//npm.pkg.github.com/owner/'],
  ])('%s → %s', (url, nerf) => expect(nerfDart(url)).toBe(nerf));
});

describe('encodeLocalName (as .NET XmlConvert)', () => {
  it.each([
    ['nuget.org', 'nuget.org'],
    ['My Feed', 'My_x0020_Feed'],
    ['1feed', '_x0031_feed'],
    ['a:b', 'a_x003A_b'],
    ['_x0041_', '_x005F_x0041_'],
    ['a_x12345678_b', 'a_x005F_x12345678_b'],
    ['_x1 feed', '_x1_x0020_feed'],
    ['feed/v3', 'feed_x002F_v3'],
    ['Ünïcode', 'Ünïcode'],
    ['a😀', 'a_x0001F600_'],
  ])('%s → %s and back', (name, encoded) => {
    expect(encodeLocalName(name)).toBe(encoded);
    expect(decodeName(encoded)).toBe(name);
  });
});

describe('defaultConfigPath', () => {
  const linux = { home: '/home/u', platform: 'linux' as const, env: {} };
  const mac = { home: '/Users/u', platform: 'darwin' as const, env: {} };
  const win = {
    home: 'C:\\Users\\u',
    platform: 'win32' as const,
    env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' },
  };
  it('knows each OS', () => {
    expect(defaultConfigPath('npmrc', linux)).toBe('/home/u/.npmrc');
    expect(defaultConfigPath('npmrc', { ...linux, projectDir: '/src/app' })).toBe(
      '/src/app/.npmrc',
    );
    expect(defaultConfigPath('maven', linux)).toBe('/home/u/.m2/settings.xml');
    expect(defaultConfigPath('nuget', linux)).toBe('/home/u/.nuget/NuGet/NuGet.Config');
    expect(defaultConfigPath('nuget', win)).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\NuGet\\NuGet.Config',
    );
    expect(defaultConfigPath('netrc', linux)).toBe('/home/u/.netrc');
    expect(defaultConfigPath('netrc', win)).toBe('C:\\Users\\u\\_netrc');
    expect(defaultConfigPath('pip', linux)).toBe('/home/u/.config/pip/pip.conf');
    expect(defaultConfigPath('pip', { ...linux, env: { XDG_CONFIG_HOME: '/x' } })).toBe(
      '/x/pip/pip.conf',
    );
    expect(defaultConfigPath('pip', mac)).toBe('/Users/u/Library/Application Support/pip/pip.conf');
    expect(defaultConfigPath('pip', win)).toBe('C:\\Users\\u\\AppData\\Roaming\\pip\\pip.ini');
    expect(defaultConfigPath('pypirc', mac)).toBe('/Users/u/.pypirc');
  });
});
