import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitsFormat } from '../../../src/core/access/config-file-kind';
import { standardConfigFiles } from '../../../src/core/access/standard-config-files';
import { defaultConfigPath } from '../../../src/core/configs/default-config-path';
import { credentialFormatOf } from '../../../src/core/scan/credential-file-kind';
import { findCredentials } from '../../../src/core/scan/find-credentials';
import { importFindings } from '../../../src/core/scan/import-findings';
import { scanLocations } from '../../../src/core/scan/scan-locations';
import { WorkspaceSweep } from '../../../src/core/scan/workspace-sweep';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { Vault } from '../../../src/core/vault/vault';
import { useTempDirs } from '../../support/temp-dir';

// Where Gradle keeps gradle.properties, and how the scanner and the sweep read credentials there.
const tempDir = useTempDirs();
const linux = { home: '/h', platform: 'linux' as const, env: {}, nodeExecPath: '/usr/bin/node' };

const FILE = [
  '# build settings',
  'org.gradle.jvmargs=-Xmx2g',
  'corpUsername=ci',
  'corpPassword = kp-test-gradle-\\',
  '    pass\\u00e9\\:1',
  'gpr.user=octocat',
  'gpr.key: kp-test-gpr-0002',
  'systemProp.https.proxyPassword=kp-test-proxy-0003',
  'signing.secretKeyRingFile=/home/ci/.gnupg/secring.gpg',
  'nexusToken=${KEYPORT_ABC}',
  '',
].join('\n');

describe('gradle.properties: where it is', () => {
  it('is $GRADLE_USER_HOME/gradle.properties, else ~/.gradle/; the user file ranks above the build’s', async () => {
    expect(defaultConfigPath('gradle', linux)).toBe('/h/.gradle/gradle.properties');
    expect(defaultConfigPath('gradle', { ...linux, env: { GRADLE_USER_HOME: '/g' } })).toBe(
      '/g/gradle.properties',
    );
    expect(
      defaultConfigPath('gradle', { ...linux, platform: 'win32', home: 'C:\\Users\\me' }),
    ).toBe('C:\\Users\\me\\.gradle\\gradle.properties');
    const files = (await scanLocations({ ...linux, projectDir: '/p' }))
      .filter((l) => l.format === 'gradle')
      .map((l) => `${l.level} ${l.file}`);
    expect(files).toEqual(['user /h/.gradle/gradle.properties', 'project /p/gradle.properties']);
    expect(await standardConfigFiles('gradle', linux)).toEqual(['/h/.gradle/gradle.properties']);
    expect(fitsFormat('gradle', '/p/gradle.properties')).toBe(true);
    expect(fitsFormat('gradle', '/p/local.properties')).toBe(false);
    expect(credentialFormatOf('gradle.properties', 'app', { has: () => false })).toBe('gradle');
  });
});

describe('gradle.properties: what the scanner finds', () => {
  it('finds password, token and key values, decoded as Java reads them, never a reference or a setting', () => {
    const found = findCredentials('gradle', FILE);
    expect(found.map((f) => [f.value, f.key, f.line])).toEqual([
      ['kp-test-gradle-passé:1', 'corpPassword', 4],
      ['kp-test-gpr-0002', 'gpr.key', 7],
      ['kp-test-proxy-0003', 'systemProp.https.proxyPassword', 8],
      ['${KEYPORT_ABC}', 'nexusToken', 10],
    ]);
    for (const f of found.slice(0, 3)) expect(f.entry).not.toContain(f.value.slice(8));
  });

  it('sweeps a build’s gradle.properties: plaintext entries are findings, the placeholder is not', async () => {
    const root = tempDir();
    const repo = path.join(root, 'repo');
    mkdirSync(repo, { recursive: true });
    writeFileSync(path.join(repo, 'gradle.properties'), FILE);
    const vault = await Vault.open({ dir: tempDir(), secrets: new MemorySecretStore() });
    const sweep = new WorkspaceSweep(vault, { ...linux, home: root, env: {} });
    const { findings } = await sweep.sweep({ dirs: [root], user: false });
    expect(findings.map((f) => [f.format, f.key, f.line, f.wins])).toEqual([
      ['gradle', 'corpPassword', 4, true],
      ['gradle', 'gpr.key', 7, true],
      ['gradle', 'systemProp.https.proxyPassword', 8, true],
    ]);
    expect(JSON.stringify(findings)).not.toContain('kp-test-proxy-0003');

    // Import with a reference: the value moves into the vault, the key keeps a placeholder.
    const held = findings.map((f) => sweep.heldFinding(f.id)!);
    const [gpr] = await importFindings(vault, [held[1]!], { replaceWithReference: true });
    expect(gpr!.rewrite).toMatchObject({ entry: 'gpr.key', written: true });
    const text = readFileSync(path.join(repo, 'gradle.properties'), 'utf8');
    expect(text).toContain(`gpr.key: \${KEYPORT_${gpr!.token!.id.toUpperCase()}}`);
    expect(text).not.toContain('kp-test-gpr-0002');
    expect(await vault.reveal(gpr!.token!.id)).toBe('kp-test-gpr-0002');
  });
});
