import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyWrite, planWrite, type WriteTarget } from '../../../src/core/configs/config-writer';
import {
  authServer,
  basicAuth,
  clientEnv,
  hasCommand,
  mavenReadServers,
  nuget,
  run,
  useTempHomes,
  type AuthServer,
} from '../../support/config-clients';
import { CONFIG_FIXTURES } from '../../support/config-corpus';

/**
 * The real clients read what Keyport wrote into files in a declared encoding (ISO-8859-1
 * settings.xml, UTF-16 NuGet.Config) and into a NuGet.Config with <packageSourceMapping>, and send
 * the exact credentials to a loopback server. Each credential holds characters outside ASCII, one
 * (€) outside Latin-1, which goes into an ISO-8859-1 file as the character reference &#8364;.
 */
const tempHome = useTempHomes();
const servers: AuthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serverFor(username: string, password: string): Promise<AuthServer> {
  const server = await authServer(basicAuth(username, password));
  servers.push(server);
  return server;
}

async function write(file: string, target: Omit<WriteTarget, 'file'>): Promise<void> {
  await applyWrite(await planWrite({ ...target, file } as WriteTarget));
}

describe('Maven reads an ISO-8859-1 settings.xml Keyport wrote', () => {
  it('mvn sends the written password (é and € as &#8364;) to the repository; other bytes unchanged', async () => {
    const secret = 'kp-test-café-€-0001';
    const server = await serverFor('jürgen', secret);
    const home = tempHome();
    const file = path.join(home, 'settings.xml');
    // Every request goes to the loopback server, whose id names the credentials.
    const original = Buffer.from(
      [
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<!-- Einstellungen von Jürgen: bitte nicht umformatieren -->',
        '<settings>',
        '  <servers>',
        '    <server><id>alt</id><username>ci</username><password>kp-test-älter-0000</password></server>',
        '  </servers>',
        `  <mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>${server.url}m2/</url></mirror></mirrors>`,
        '</settings>',
        '',
      ].join('\n'),
      'latin1',
    );
    writeFileSync(file, original, { mode: 0o600 });
    await write(file, {
      format: 'maven',
      registry: server.url,
      serverId: 'corp',
      username: 'jürgen',
      secret,
    });
    const written = readFileSync(file);
    expect(written.toString('latin1')).toContain('<password>kp-test-café-&#8364;-0001</password>');
    // Before the new server: the same bytes, in ISO-8859-1 (ü is one byte, 0xFC).
    const head = original.subarray(0, original.indexOf('  </servers>'));
    expect(written.subarray(0, head.length).equals(head)).toBe(true);

    // A build extension makes mvn fetch from the mirror when it loads the project.
    const project = path.join(home, 'project');
    mkdirSync(project);
    writeFileSync(
      path.join(project, 'pom.xml'),
      '<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>t</artifactId>' +
        '<version>1</version><packaging>pom</packaging><build><extensions><extension>' +
        '<groupId>kp.test</groupId><artifactId>probe</artifactId><version>1.0</version>' +
        '</extension></extensions></build></project>\n',
    );
    await run(
      'mvn',
      ['-B', '-s', file, `-Dmaven.repo.local=${path.join(home, 'm2repo')}`, 'validate'],
      clientEnv(home),
      project,
    );
    // Maven sends the credentials as UTF-8: the exact characters it decoded from the file.
    expect(server.seen).toContain(basicAuth('jürgen', secret));
    // And Maven's own strict settings reader returns them, the other server untouched.
    expect(await mavenReadServers(home, file)).toEqual([
      { id: 'alt', username: 'ci', password: 'kp-test-älter-0000', authorization: null },
      { id: 'corp', username: 'jürgen', password: secret, authorization: null },
    ]);
  });
});

describe.runIf(hasCommand('mono'))('NuGet.exe (mono) reads what Keyport wrote', () => {
  it.each(['utf-16le-bom', 'utf-16be-bom', 'iso-8859-1-source-name-beyond-latin1'])(
    '%s: NuGet sends the written credentials to the feed',
    async (name) => {
      const target = JSON.parse(
        readFileSync(path.join(CONFIG_FIXTURES, 'nuget', name, 'target.json'), 'utf8'),
      ) as { source: string; username: string; secret: string };
      const server = await serverFor(target.username, target.secret);
      const home = tempHome();
      const file = path.join(home, 'NuGet.Config');
      copyFileSync(path.join(CONFIG_FIXTURES, 'nuget', name, 'input'), file);
      await write(file, {
        format: 'nuget',
        registry: `${server.url}v3/index.json`,
        source: target.source,
        username: target.username,
        secret: target.secret,
      });
      await nuget(home, ['list', '-Source', target.source, '-ConfigFile', file]);
      expect(server.seen).toContain(basicAuth(target.username, target.secret));
    },
  );

  it('a new source mapped in <packageSourceMapping> (UTF-16): NuGet lists it and sends its credentials', async () => {
    // NuGet.exe 5.8 predates package source mapping (NuGet 6.0) and ignores the section: this
    // proves the file with the mapping written stays one NuGet reads, not that 6.x honours it.
    const secret = 'kp-test-map-€-0001';
    const server = await serverFor('ci', secret);
    const home = tempHome();
    const file = path.join(home, 'NuGet.Config');
    copyFileSync(path.join(CONFIG_FIXTURES, 'nuget/utf-16le-package-source-mapping/input'), file);
    await write(file, {
      format: 'nuget',
      registry: `${server.url}v3/index.json`,
      source: 'corp',
      username: 'ci',
      secret,
      packagePatterns: ['Corp.*'],
    });
    const text = readFileSync(file).toString('utf16le');
    expect(text).toContain('<packageSource key="corp">\r\n      <package pattern="Corp.*" />');
    const listed = await nuget(home, ['sources', 'list', '-ConfigFile', file]);
    expect(listed.stdout).toMatch(/corp \[Enabled\]/i);
    await nuget(home, ['list', '-Source', 'corp', '-ConfigFile', file]);
    expect(server.seen).toContain(basicAuth('ci', secret));
  });
});
