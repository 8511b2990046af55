import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITORS } from '../../../src/core/configs/editors';
import { importFindings } from '../../../src/core/scan/import-findings';
import { SCAN_ENCODING_RULES } from '../../../src/core/scan/scan-text';
import { WorkspaceSweep } from '../../../src/core/scan/workspace-sweep';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { Vault } from '../../../src/core/vault/vault';
import { CONFIG_FORMATS } from '../../../src/shared/types';
import { useTempDirs } from '../../support/temp-dir';

// Files that are not UTF-8 but that their clients read (Maven's declared ISO-8859-1, NuGet's
// UTF-16) hold credentials too: the sweep decodes them as the clients and the writers do.
const tempDir = useTempDirs();
const linux = { home: '/h', platform: 'linux' as const, env: {}, nodeExecPath: '/usr/bin/node' };
const NUGET_PASSWORD = 'fake-nuget-password-0001';
const MAVEN_PASSWORD = 'fake-maven-pässword-0002';

const nugetConfig = `<?xml version="1.0" encoding="utf-16"?>
<configuration>
  <packageSources>
    <add key="corp" value="https://nuget.corp.test/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <corp>
      <add key="Username" value="ci" />
      <add key="ClearTextPassword" value="${NUGET_PASSWORD}" />
    </corp>
  </packageSourceCredentials>
</configuration>
`;
const mavenSettings = `<?xml version="1.0" encoding="ISO-8859-1"?>
<settings>
  <servers>
    <server>
      <id>corp</id>
      <username>ci</username>
      <password>${MAVEN_PASSWORD}</password>
    </server>
  </servers>
</settings>
`;

describe('the sweep reads files in the encoding their client reads', () => {
  it('knows the same encoding rules as the writers', () => {
    for (const format of CONFIG_FORMATS) {
      const { xml, latin1 } = EDITORS[format];
      const rule = SCAN_ENCODING_RULES[format] ?? {};
      expect({ format, xml: !!rule.xml, latin1: !!rule.latin1 }).toEqual({
        format,
        xml: !!xml,
        latin1: !!latin1,
      });
    }
  });

  it('finds the password in a UTF-16 NuGet.Config and an ISO-8859-1 settings.xml, and imports with a reference keeping UTF-16', async () => {
    const root = tempDir();
    const repo = path.join(root, 'repo');
    mkdirSync(path.join(repo, '.mvn'), { recursive: true });
    const nuget = path.join(repo, 'NuGet.Config');
    writeFileSync(
      nuget,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(nugetConfig, 'utf16le')]),
    );
    writeFileSync(path.join(repo, '.mvn', 'settings.xml'), Buffer.from(mavenSettings, 'latin1'));
    const vault = await Vault.open({ dir: tempDir(), secrets: new MemorySecretStore() });
    const sweep = new WorkspaceSweep(vault, { ...linux, home: root, env: {} });
    const { findings } = await sweep.sweep({ dirs: [root], user: false });
    const values = findings.map((f) => [f.format, f.line, sweep.heldFinding(f.id)!.value]);
    expect(values).toEqual(
      expect.arrayContaining([
        ['nuget', 9, NUGET_PASSWORD],
        ['maven', 7, MAVEN_PASSWORD],
      ]),
    );
    expect(values).toHaveLength(2);

    const held = sweep.heldFinding(findings.find((f) => f.format === 'nuget')!.id)!;
    const [outcome] = await importFindings(vault, [held], { replaceWithReference: true });
    expect(outcome!.rewrite).toMatchObject({ written: true });
    const bytes = readFileSync(nuget);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = bytes.subarray(2).toString('utf16le');
    expect(text).not.toContain(NUGET_PASSWORD);
    expect(text).toContain(`%KEYPORT_${outcome!.token!.id.toUpperCase()}%`);
    expect(await vault.reveal(outcome!.token!.id)).toBe(NUGET_PASSWORD);
  });
});
