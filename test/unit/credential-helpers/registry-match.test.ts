import { describe, expect, it } from 'vitest';
import { matchToken } from '../../../src/core/credential-helpers/registry-match';
import { pythonKeyringServices } from '../../../src/core/credential-helpers/python-keyring';
import type { TokenMeta } from '../../../src/shared/types';

function token(id: string, registry: string, extra: Partial<TokenMeta> = {}): TokenMeta {
  return {
    id,
    label: id,
    registry,
    ecosystem: 'other',
    permissions: [],
    created: `2026-01-0${id.length}T00:00:00.000Z`,
    expires: null,
    lastUsed: null,
    origin: 'pasted',
    writtenTo: [],
    masked: '****',
    status: 'ok',
    ...extra,
  };
}

describe('matchToken', () => {
  const tokens = [
    token('a', 'https://git.example.test/'),
    token('bb', 'https://git.example.test/acme/'),
    token('ccc', 'https://git.example.test:8443/'),
    token('dddd', 'https://other.example.test/', { signIn: { username: 'me' } }),
    token('eeeee', 'https://gone.example.test/', { status: 'secret-missing' }),
  ];

  it('matches host and port exactly, the longest registry path first', () => {
    expect(matchToken(tokens, { host: 'git.example.test', path: 'acme/x.git' })?.id).toBe('bb');
    expect(matchToken(tokens, { host: 'git.example.test', path: 'other/x.git' })?.id).toBe('a');
    expect(matchToken(tokens, { host: 'GIT.example.test:8443' })?.id).toBe('ccc');
    expect(matchToken(tokens, { host: 'git.example.test:9' })).toBeUndefined();
    expect(matchToken(tokens, { host: 'git.example.test', protocol: 'http' })).toBeUndefined();
  });

  it('never offers a sign-in token or one whose value is gone', () => {
    expect(matchToken(tokens, { host: 'other.example.test' })).toBeUndefined();
    expect(matchToken(tokens, { host: 'gone.example.test' })).toBeUndefined();
  });

  it('also answers for the servers git stored the same value for, with their protocol', () => {
    const served = token('ffffff', 'https://git.example.test/', {
      servedHosts: [{ client: 'git', url: 'http://mirror.example.test:8080', at: '' }],
    });
    expect(matchToken([served], { host: 'mirror.example.test:8080' })?.id).toBe('ffffff');
    expect(matchToken([served], { host: 'mirror.example.test:8080', protocol: 'https' })).toBe(
      undefined,
    );
    expect(matchToken([served], { host: 'mirror.example.test' })).toBeUndefined();
  });
});

describe('pythonKeyringServices', () => {
  it('files the token under the index URL and its host, and refuses credentials in the URL', () => {
    expect(pythonKeyringServices('http://127.0.0.1:8080/simple/')).toEqual([
      'http://127.0.0.1:8080/simple/',
      '127.0.0.1:8080',
    ]);
    expect(() => pythonKeyringServices('https://u:p@x.test/simple/')).toThrow(/no user name/);
    expect(() => pythonKeyringServices('ftp://x.test/')).toThrow(/http/);
  });
});
