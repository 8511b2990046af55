import { describe, expect, it } from 'vitest';
import { findCredentials } from '../../../src/core/scan/find-credentials';
import { envVarName, isReference, referenceFor } from '../../../src/shared/references';

describe('findCredentials', () => {
  it('decodes each format the way its client reads the value', () => {
    expect(findCredentials('npmrc', '//r.test/:_authToken="kp;test#1"\r\n')[0]).toMatchObject({
      value: 'kp;test#1',
      key: '//r.test/:_authToken',
      registry: 'https://r.test/',
      line: 1,
    });
    expect(
      findCredentials(
        'maven',
        '<settings><servers><server><id>a&amp;b</id><password>x&lt;y&amp;z</password></server></servers></settings>',
      )[0],
    ).toMatchObject({ value: 'x<y&z', serverId: 'a&b' });
    expect(
      findCredentials('pip', '[global]\nindex-url = https://u:p%40ss%2Fw@h.test/simple/\n')[0],
    ).toMatchObject({
      value: 'p@ss/w',
      registry: 'https://h.test/simple/',
      line: 2,
    });
    expect(findCredentials('yarnrc', 'npmAuthToken: "kp-yarn-1"  # comment\n')[0]).toMatchObject({
      value: 'kp-yarn-1',
    });
  });

  it('masks the value in the entry it reports', () => {
    const [found] = findCredentials(
      'netrc',
      'machine h.test login me password kp-test-secret-abcdef12\n',
    );
    expect(found?.entry).toBe('machine h.test login me password kp-t••••••••ef12');
    expect(found?.registry).toBe('https://h.test/');
  });

  it('finds nothing in a file without credentials, and never throws on garbage', () => {
    expect(findCredentials('npmrc', 'save-exact=true\n')).toEqual([]);
    for (const format of ['npmrc', 'maven', 'nuget', 'netrc', 'pip', 'pypirc', 'yarnrc'] as const) {
      expect(() => findCredentials(format, '\u0000<<<[[[===\n\r\n"')).not.toThrow();
    }
  });
});

describe('references', () => {
  it('recognises environment references, which keep secrets off disk', () => {
    expect(isReference('${NPM_TOKEN}')).toBe(true);
    expect(isReference('%FEED_PASSWORD%')).toBe(true);
    expect(isReference('npm_abc${X}')).toBe(false);
    expect(isReference('${env.NPM_TOKEN}')).toBe(true);
    // A shell-style default can hold the secret itself.
    expect(isReference('${NPM_TOKEN:-npm_fallback}')).toBe(false);
  });

  it('writes each client’s own syntax and refuses formats without one', () => {
    expect(envVarName('ab12cd')).toBe('KEYPORT_AB12CD');
    expect(referenceFor('npmrc', 'ab12cd')).toBe('${KEYPORT_AB12CD}');
    expect(referenceFor('maven', 'ab12cd')).toBe('${env.KEYPORT_AB12CD}');
    expect(referenceFor('nuget', 'ab12cd')).toBe('%KEYPORT_AB12CD%');
    expect(() => referenceFor('netrc', 'ab12cd')).toThrow(
      /cannot read a value from the environment/,
    );
  });
});
