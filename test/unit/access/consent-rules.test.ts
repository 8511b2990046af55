import { describe, expect, it } from 'vitest';
import { Consent } from '../../../src/core/access/consent';
import { CredentialGate } from '../../../src/core/access/credential-gate';
import { isLoopbackHost } from '../../../src/core/access/loopback-host';
import { sourceChange } from '../../../src/core/access/package-source-hosts';
import { KeyportError } from '../../../src/shared/errors';
import { ScriptedDialogs } from '../../support/scripted-dialogs';

describe('isLoopbackHost', () => {
  it('knows what cannot leave the machine', () => {
    for (const host of ['localhost', 'LOCALHOST', 'a.localhost', '127.0.0.1', '127.9.9.9', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['example.com', '10.0.0.1', '128.0.0.1', '[::2]', 'localhost.evil.test'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('sourceChange', () => {
  it('names hosts a write adds to any URL, not token lines or hosts already there', () => {
    expect(
      sourceChange(
        '[global]\nindex-url = https://pypi.corp.test/simple/\n',
        '[global]\nindex-url = https://u:t@evil.test/simple/\n',
      ),
    ).toEqual({ newHosts: ['evil.test'], plainHttp: [] });
    expect(sourceChange(null, '//npm.evil.test/:_authToken=x\n').newHosts).toEqual([]);
    expect(
      sourceChange(
        '@a:registry=https://npm.a.test/\n',
        '@a:registry=https://npm.a.test/\n//npm.a.test/:_authToken=x\n',
      ).newHosts,
    ).toEqual([]);
    expect(
      sourceChange('', '<add key="x" value="http://nuget.evil.test/v3/index.json" />'),
    ).toEqual({
      newHosts: ['nuget.evil.test'],
      plainHttp: ['nuget.evil.test'],
    });
  });

  it('counts a known host again when the write moves it to plain http, but not on loopback', () => {
    expect(
      sourceChange('registry=https://npm.corp.test/\n', 'registry=http://npm.corp.test/\n')
        .plainHttp,
    ).toEqual(['npm.corp.test']);
    expect(sourceChange('', 'registry=http://127.0.0.1:4873/\n')).toEqual({
      newHosts: ['127.0.0.1:4873'],
      plainHttp: [],
    });
  });
});

describe('CredentialGate', () => {
  const gate = (dialogs: ScriptedDialogs, trusted: string[]) =>
    new CredentialGate(new Consent('app', dialogs), () => Promise.resolve(trusted));

  it('asks for a new host once per session, and refuses when the user declines', async () => {
    const dialogs = new ScriptedDialogs();
    const g = gate(dialogs, ['https://registry.npmjs.org/']);
    await g.beforeSending('https://registry.npmjs.org/');
    expect(dialogs.asked).toEqual([]);
    await expect(g.beforeSending('https://npm.evil.test/')).rejects.toMatchObject({
      code: 'USER_DECLINED',
    });
    dialogs.approveNext();
    await g.beforeSending('https://npm.evil.test/');
    await g.beforeSending('https://npm.evil.test/other/path/');
    expect(dialogs.asked.map((q) => q.message)).toEqual([
      'Send your credentials to npm.evil.test?',
      'Send your credentials to npm.evil.test?',
    ]);
  });

  it('asks about plain http to another machine even for a known host', async () => {
    const dialogs = new ScriptedDialogs();
    const g = gate(dialogs, ['http://npm.corp.test/', 'http://127.0.0.1:4873/']);
    await g.beforeSending('http://127.0.0.1:4873/');
    const refused = await g.beforeSending('http://npm.corp.test/').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KeyportError);
    expect(dialogs.asked[0]!.detail).toContain('http://');
  });

  it('never asks in the CLI, where the user typed the host', async () => {
    const g = new CredentialGate(new Consent('cli'), () => Promise.resolve([]));
    await expect(g.beforeSending('http://npm.evil.test/')).resolves.toBeUndefined();
  });
});
