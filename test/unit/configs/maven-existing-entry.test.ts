import { describe, expect, it } from 'vitest';
import { editMaven } from '../../../src/core/configs/maven-editor';

const SETTINGS = [
  '<settings>',
  '  <servers>',
  '    <server>',
  '      <id>corp</id>',
  '      <username>deployer</username>',
  '      <password>kp-test-plaintext-0001</password>',
  '    </server>',
  '  </servers>',
  '</settings>',
  '',
].join('\n');

describe('the Maven editor on an existing server entry', () => {
  it('replaces a user name/password entry’s password when no kind of auth is asked for', () => {
    // A scan's "Replace with reference" names only the server id: the entry keeps its kind.
    const { text, entry } = editMaven(SETTINGS, {
      registry: 'https://maven.corp.example/releases/',
      serverId: 'corp',
      secret: '${env.KEYPORT_A}',
      reference: true,
    });
    expect(entry).toBe('server id=corp (username/password)');
    expect(text).toBe(SETTINGS.replace('kp-test-plaintext-0001', '${env.KEYPORT_A}'));
  });

  it('still writes a bearer header for a server without a user name, or when asked', () => {
    const bare = editMaven('', {
      registry: 'https://maven.corp.example/releases/',
      serverId: 'corp',
      secret: 'kp-test-secret-0002',
    });
    expect(bare.entry).toBe('server id=corp (Authorization: Bearer header)');
    const asked = editMaven(SETTINGS, {
      registry: 'https://maven.corp.example/releases/',
      serverId: 'corp',
      secret: 'kp-test-secret-0002',
      mavenAuth: 'bearer',
    });
    expect(asked.entry).toBe('server id=corp (Authorization: Bearer header)');
  });
});
