import { describe, expect, it } from 'vitest';
import { fitsFormat } from '../../../src/core/access/config-file-kind';
import { standardConfigFiles } from '../../../src/core/access/standard-config-files';
import { bundlerKey, hostOfKey, isCredentialKey } from '../../../src/core/configs/bundler-editor';
import { defaultConfigPath } from '../../../src/core/configs/default-config-path';
import { credentialFormatOf } from '../../../src/core/scan/credential-file-kind';
import { findCredentials } from '../../../src/core/scan/find-credentials';
import { scanLocations } from '../../../src/core/scan/scan-locations';
import { ecosystemOfFormat } from '../../../src/shared/format-ecosystem';

// Where Composer and Bundler keep credentials, and how the scanner and the sweep read them back.
const linux = { home: '/h', platform: 'linux' as const, env: {}, nodeExecPath: '/usr/bin/node' };

describe('Composer auth.json and Bundler config: where they are', () => {
  it('follows Composer’s home rules per OS and $COMPOSER_HOME', () => {
    expect(defaultConfigPath('composer', linux)).toBe('/h/.config/composer/auth.json');
    expect(defaultConfigPath('composer', { ...linux, env: { XDG_CONFIG_HOME: '/x' } })).toBe(
      '/x/composer/auth.json',
    );
    expect(defaultConfigPath('composer', { ...linux, platform: 'darwin' })).toBe(
      '/h/.composer/auth.json',
    );
    expect(
      defaultConfigPath('composer', {
        home: 'C:\\Users\\me',
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' },
      }),
    ).toBe('C:\\Users\\me\\AppData\\Roaming\\Composer\\auth.json');
    expect(defaultConfigPath('composer', { ...linux, env: { COMPOSER_HOME: '/c' } })).toBe(
      '/c/auth.json',
    );
    expect(defaultConfigPath('composer', { ...linux, projectDir: '/p' })).toBe('/p/auth.json');
  });

  it('follows Bundler’s BUNDLE_CONFIG, BUNDLE_USER_CONFIG, BUNDLE_USER_HOME and BUNDLE_APP_CONFIG', () => {
    expect(defaultConfigPath('bundler', linux)).toBe('/h/.bundle/config');
    expect(defaultConfigPath('bundler', { ...linux, env: { BUNDLE_USER_CONFIG: '/u/cfg' } })).toBe(
      '/u/cfg',
    );
    expect(
      defaultConfigPath('bundler', {
        ...linux,
        env: { BUNDLE_CONFIG: '/a', BUNDLE_USER_CONFIG: '/b' },
      }),
    ).toBe('/a');
    expect(defaultConfigPath('bundler', { ...linux, env: { BUNDLE_USER_HOME: '/bh' } })).toBe(
      '/bh/config',
    );
    expect(defaultConfigPath('bundler', { ...linux, projectDir: '/p' })).toBe('/p/.bundle/config');
    expect(
      defaultConfigPath('bundler', {
        ...linux,
        projectDir: '/p',
        env: { BUNDLE_APP_CONFIG: 'ci/bundle' },
      }),
    ).toBe('/p/ci/bundle/config');
  });

  it('scans the project files first (they win), then the user files, both Composer homes on Linux', async () => {
    const files = (await scanLocations({ ...linux, projectDir: '/p' }))
      .filter((l) => l.format === 'composer' || l.format === 'bundler')
      .map((l) => `${l.level} ${l.file}`);
    expect(files).toEqual([
      'project /p/auth.json',
      'project /p/.bundle/config',
      'user /h/.config/composer/auth.json',
      'user /h/.composer/auth.json',
      'user /h/.bundle/config',
    ]);
    expect(await standardConfigFiles('bundler', linux)).toEqual(['/h/.bundle/config']);
  });

  it('takes `config` as Bundler’s only inside a .bundle folder, on the CLI and in a sweep', () => {
    expect(fitsFormat('bundler', '/h/.bundle/config')).toBe(true);
    expect(fitsFormat('bundler', 'C:\\Users\\me\\.bundle\\config')).toBe(true);
    expect(fitsFormat('bundler', '/h/.ssh/config')).toBe(false);
    expect(fitsFormat('bundler', 'config')).toBe(false);
    expect(fitsFormat('composer', '/p/auth.json')).toBe(true);
    expect(fitsFormat('composer', '/p/composer.json')).toBe(false);
    const none = { has: () => false };
    expect(credentialFormatOf('config', '.bundle', none)).toBe('bundler');
    expect(credentialFormatOf('config', '.git', none)).toBeNull();
    expect(credentialFormatOf('auth.json', 'myapp', none)).toBe('composer');
    expect(ecosystemOfFormat('composer')).toBe('composer');
    expect(ecosystemOfFormat('bundler')).toBe('rubygems');
    expect(ecosystemOfFormat('env', 'BUNDLE_GEMS__EXAMPLE__COM')).toBe('rubygems');
    expect(ecosystemOfFormat('env', 'COMPOSER_AUTH')).toBe('composer');
  });
});

describe('Composer auth.json and Bundler config: what the scanner finds', () => {
  it('finds http-basic passwords, bearer and other Composer tokens with their host, decoded', () => {
    const text = `{
    "http-basic": {
        "repo.example.com": {"username": "ci", "password": "kp-test-basic-\\u00e9\\"1"}
    },
    "bearer": {"127.0.0.1:8080": "kp-test-bearer-0002"},
    "github-oauth": {"github.com": "kp-test-gh-0003"},
    "config": {"process-timeout": "kp-not-a-secret"}
}
`;
    const found = findCredentials('composer', text);
    expect(found.map((f) => [f.value, f.registry, f.key, f.line])).toEqual([
      ['kp-test-basic-é"1', 'https://repo.example.com/', 'http-basic.repo.example.com', 3],
      ['kp-test-bearer-0002', 'https://127.0.0.1:8080/', 'bearer.127.0.0.1:8080', 5],
      ['kp-test-gh-0003', 'https://github.com/', 'github-oauth.github.com', 6],
    ]);
    expect(found[1]!.entry).not.toContain('kp-test-bearer-0002');
    // A containers' auth.json has no Composer section: nothing is Composer's there.
    expect(findCredentials('composer', '{"auths": {"r.example": {"auth": "a3A6eA=="}}}')).toEqual(
      [],
    );
  });

  it('finds host credentials in a Bundler config (the token half, unescaped) but not its settings', () => {
    const text = [
      '---',
      'BUNDLE_PATH: "vendor/bundle"',
      'BUNDLE_BUILD__NOKOGIRI: "--use-system-libraries"',
      'BUNDLE_GEM__TEST: "rspec"',
      'BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/: "https://mirror.example/"',
      'BUNDLE_GEMS__EXAMPLE___CORP__COM: "ci:kp-test%40bundler-0001"',
      'BUNDLE_GEM__FURY__IO: "kp-test-fury-0002"',
      '',
    ].join('\n');
    const found = findCredentials('bundler', text);
    expect(found.map((f) => [f.value, f.registry, f.key, f.line])).toEqual([
      [
        'kp-test@bundler-0001',
        'https://gems.example-corp.com/',
        'BUNDLE_GEMS__EXAMPLE___CORP__COM',
        6,
      ],
      ['kp-test-fury-0002', 'https://gem.fury.io/', 'BUNDLE_GEM__FURY__IO', 7],
    ]);
    expect(found[0]!.entry).not.toContain('bundler-0001');
  });

  it('spells keys as Bundler does, and reads them back', () => {
    expect(bundlerKey('https://gems.example-corp.com:8443/private/')).toBe(
      'BUNDLE_GEMS__EXAMPLE___CORP__COM',
    );
    expect(hostOfKey('BUNDLE_GEMS__EXAMPLE___CORP__COM')).toBe('gems.example-corp.com');
    expect(isCredentialKey('BUNDLE_HTTPS://GEMS__EXAMPLE__COM/')).toBe(true);
    expect(isCredentialKey('BUNDLE_JOBS')).toBe(false);
    expect(isCredentialKey('BUNDLE_LOCAL__RACK')).toBe(false);
  });
});
