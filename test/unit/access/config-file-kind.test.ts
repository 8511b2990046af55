import { describe, expect, it } from 'vitest';
import { fitsFormat } from '../../../src/core/access/config-file-kind';
import { standardConfigFiles } from '../../../src/core/access/standard-config-files';

describe('fitsFormat', () => {
  it('accepts the names each client reads, and nothing else', () => {
    const fits: Array<[Parameters<typeof fitsFormat>[0], string]> = [
      ['npmrc', '/h/.npmrc'],
      ['npmrc', '/usr/etc/npmrc'],
      ['maven', '/h/.m2/settings.xml'],
      ['nuget', '/h/.nuget/NuGet/NuGet.Config'],
      ['nuget', '/p/nuget.config'],
      ['nuget', '/p/NUGET.CONFIG'],
      ['netrc', '/h/.netrc'],
      ['netrc', 'C:\\Users\\me\\_netrc'],
      ['pip', '/h/.config/pip/pip.conf'],
      ['pip', 'C:\\Users\\me\\AppData\\Roaming\\pip\\pip.ini'],
      ['pypirc', '/h/.pypirc'],
    ];
    for (const [format, file] of fits) expect(fitsFormat(format, file), file).toBe(true);
    const misfits: Array<[Parameters<typeof fitsFormat>[0], string]> = [
      ['npmrc', '/h/.bashrc'],
      ['npmrc', '/h/.npmrc.bak'],
      ['npmrc', '/h/.NPMRC'],
      ['maven', '/h/.m2/Settings.xml'],
      ['maven', '/h/.npmrc'],
      ['netrc', '/h/.ssh/id_ed25519'],
      ['pip', '/etc/passwd'],
      ['pypirc', '/h/pypirc'],
      ['nuget', '/p/nuget.config.xml'],
    ];
    for (const [format, file] of misfits) expect(fitsFormat(format, file), file).toBe(false);
  });
});

describe('standardConfigFiles', () => {
  const ctx = { home: '/h', platform: 'linux' as const, env: {}, nodeExecPath: '/usr/bin/node' };

  it('lists the user file, the ones the scanner reads and pip’s system files', async () => {
    expect(await standardConfigFiles('npmrc', ctx)).toEqual(['/h/.npmrc', '/usr/etc/npmrc']);
    expect(await standardConfigFiles('pip', ctx)).toEqual([
      '/h/.config/pip/pip.conf',
      '/h/.pip/pip.conf',
      '/etc/pip.conf',
      '/etc/xdg/pip/pip.conf',
    ]);
    expect(await standardConfigFiles('maven', ctx)).toEqual(['/h/.m2/settings.xml']);
  });

  it('follows the variables the clients follow', async () => {
    const env = { npm_config_userconfig: '/ci/npmrc', PIP_CONFIG_FILE: '/ci/pip.conf' };
    expect(await standardConfigFiles('npmrc', { ...ctx, env })).toContain('/ci/npmrc');
    expect(await standardConfigFiles('pip', { ...ctx, env })).toContain('/ci/pip.conf');
  });
});
