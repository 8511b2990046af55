import { describe, expect, it } from 'vitest';
import {
  apiFor,
  expectNoSecret,
  failure,
  PASSWORD,
  USER,
  useServers,
  useTransport,
} from './registry-test-kit';
import { GRANULAR_REQUEST, GRANULAR_WIRE } from '../../support/granular-token';

/**
 * The calls of the npm token API against a server that answers as registry.npmjs.org documents
 * (see test/support/npm-like-server.ts). Each test names the documented behaviour it relies on.
 */
const transport = useTransport();
const server = useServers();

function bodyOf(request: { body: string } | undefined): Record<string, unknown> {
  return JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
}

describe('log in (PUT -/user/org.couchdb.user:NAME → 201 {token})', () => {
  it('returns the session token and sends the name and password once', async () => {
    const registry = await server();
    const session = await apiFor(registry, transport).login(USER, PASSWORD);
    expect(await apiFor(registry, transport).whoami(session)).toBe(USER);
    const [put] = registry.requests;
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe('/-/user/org.couchdb.user:alice');
    expect(bodyOf(put)).toMatchObject({ name: USER, password: PASSWORD });
  });

  it('says AUTH_FAILED for a wrong password, without the password', async () => {
    const registry = await server();
    const err = await failure(apiFor(registry, transport).login(USER, 'wrong password 123'));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.details).toMatchObject({ reason: 'password', status: 401 });
    expectNoSecret(err, ['wrong password 123']);
  });

  it('with 2FA: OTP_REQUIRED (401 + www-authenticate: OTP), then the same request with npm-otp', async () => {
    const registry = await server({ otp: '123456' });
    const api = apiFor(registry, transport);
    const first = await failure(api.login(USER, PASSWORD));
    expect(first.code).toBe('OTP_REQUIRED');
    expect(first.details).toMatchObject({ otpRejected: false });

    const wrong = await failure(api.login(USER, PASSWORD, { otp: '654321' }));
    expect(wrong.code).toBe('OTP_REQUIRED');
    expect(wrong.details).toMatchObject({ otpRejected: true });
    expectNoSecret(wrong, ['654321', PASSWORD]);

    const session = await api.login(USER, PASSWORD, { otp: '123456' });
    expect(await api.whoami(session)).toBe(USER);
    const puts = registry.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.headers['npm-otp'])).toEqual([undefined, '654321', '123456']);
    expect(new Set(puts.map((r) => bodyOf(r).name))).toEqual(new Set([USER]));
  });

  it('refuses a user name that would break the URL or Basic auth, before sending', async () => {
    const registry = await server();
    const err = await failure(apiFor(registry, transport).login('a:b', PASSWORD));
    expect(err.code).toBe('INVALID_INPUT');
    expect(registry.requests).toHaveLength(0);
  });
});

describe('who am I (GET -/whoami → {username})', () => {
  it('answers null for a token the registry refuses (npmjs: 401)', async () => {
    const registry = await server();
    expect(
      await apiFor(registry, transport).whoami('npm_not_a_real_token_000000000000'),
    ).toBeNull();
  });

  it('sends the token as a Bearer header', async () => {
    const registry = await server();
    const session = registry.sessionFor(USER);
    await apiFor(registry, transport).whoami(session);
    expect(registry.requests[0]?.headers.authorization).toBe(`Bearer ${session}`);
  });

  it('refuses a token with a line break instead of sending a broken header', async () => {
    const registry = await server();
    const err = await failure(apiFor(registry, transport).whoami('abc\r\nx-evil: 1'));
    expect(err.code).toBe('INVALID_INPUT');
    expect(registry.requests).toHaveLength(0);
  });
});

describe('list (GET -/npm/v1/tokens, following urls.next)', () => {
  it('follows every page', async () => {
    const registry = await server({ pageSize: 3 });
    const session = registry.sessionFor(USER);
    for (let i = 0; i < 7; i++) registry.seedToken(USER, { cidr_whitelist: [`10.0.${i}.0/24`] });
    registry.seedToken('bob');
    const tokens = await apiFor(registry, transport).listTokens(session);
    expect(tokens).toHaveLength(7);
    expect(registry.requests.map((r) => r.path)).toEqual([
      '/-/npm/v1/tokens',
      '/-/npm/v1/tokens?page=1&perPage=3',
      '/-/npm/v1/tokens?page=2&perPage=3',
    ]);
    expect(tokens.map((t) => t.cidr[0])).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => `10.0.${i}.0/24`),
    );
    for (const [i, token] of tokens.entries()) {
      // npmjs lists a masked token; the full secret never appears in a list.
      expect(token.masked).toMatch(/^npm_\w{2}…\w{4}$/);
      expect(token.key).toBe(registry.tokens[i]?.key);
      expect(token.created).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it('does not send the token to another host named in urls.next', async () => {
    const registry = await server();
    const elsewhere = await server();
    registry.failNext(
      { path: '/-/npm/v1/tokens' },
      {
        kind: 'status',
        status: 200,
        body: JSON.stringify({
          objects: [],
          urls: { next: `${elsewhere.url}-/npm/v1/tokens?page=1` },
        }),
      },
    );
    const err = await failure(apiFor(registry, transport).listTokens(registry.sessionFor(USER)));
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('stops when urls.next points back at a page already read', async () => {
    const registry = await server();
    const loop = JSON.stringify({ objects: [], urls: { next: '/-/npm/v1/tokens' } });
    registry.failNext({ path: '/-/npm/v1/tokens' }, { kind: 'status', status: 200, body: loop });
    const err = await failure(apiFor(registry, transport).listTokens(registry.sessionFor(USER)));
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
    expect(registry.requests).toHaveLength(1);
  });

  it('calls a list without objects a bad response', async () => {
    const registry = await server();
    registry.failNext(
      { path: '/-/npm/v1/tokens' },
      { kind: 'status', status: 200, body: '{"tokens":[]}' },
    );
    const err = await failure(apiFor(registry, transport).listTokens(registry.sessionFor(USER)));
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
  });
});

describe('create (POST -/npm/v1/tokens)', () => {
  it('legacy read-only: sends readonly, cidr_whitelist and the password; returns the secret once', async () => {
    const registry = await server();
    const session = registry.sessionFor(USER);
    const created = await apiFor(registry, transport).createToken(
      session,
      { kind: 'legacy', readonly: true, cidr: ['127.0.0.1/32', '2001:db8::/32'] },
      { password: PASSWORD },
    );
    expect(bodyOf(registry.requests[0])).toEqual({
      password: PASSWORD,
      readonly: true,
      cidr_whitelist: ['127.0.0.1/32', '2001:db8::/32'],
    });
    expect(created.token).toBe(registry.tokens[0]?.secret);
    expect(created.masked).toBe(`${created.token.slice(0, 4)}••••••••${created.token.slice(-4)}`);
    expect(created).toMatchObject({ readonly: true, cidr: ['127.0.0.1/32', '2001:db8::/32'] });
  });

  it('legacy publish: sends readonly: false explicitly (npm 11 leaves it out)', async () => {
    const registry = await server();
    await apiFor(registry, transport).createToken(
      registry.sessionFor(USER),
      { kind: 'legacy', readonly: false, automation: true, cidr: [] },
      { password: PASSWORD },
    );
    expect(bodyOf(registry.requests[0])).toEqual({
      password: PASSWORD,
      readonly: false,
      automation: true,
      cidr_whitelist: [],
    });
  });

  it('granular with all packages: sends packages_all and reads it back', async () => {
    const registry = await server();
    const created = await apiFor(registry, transport).createToken(
      registry.sessionFor(USER),
      {
        kind: 'granular',
        name: 'everything',
        packagesAll: true,
        packagesAndScopesPermission: 'read-only',
        cidr: [],
      },
      { password: PASSWORD },
    );
    expect(bodyOf(registry.requests[0])).toMatchObject({ name: 'everything', packages_all: true });
    expect(bodyOf(registry.requests[0])).not.toHaveProperty('packages');
    expect(created).toMatchObject({ name: 'everything', packagesAll: true });
  });

  it('granular: sends the npmjs field names and reads the echoed fields back', async () => {
    const registry = await server();
    const created = await apiFor(registry, transport).createToken(
      registry.sessionFor(USER),
      GRANULAR_REQUEST,
      { password: PASSWORD },
    );
    expect(bodyOf(registry.requests[0])).toEqual({
      ...GRANULAR_WIRE,
      password: PASSWORD,
      expires: GRANULAR_REQUEST.expiresDays,
    });
    const { kind: _kind, expiresDays: _days, ...echoed } = GRANULAR_REQUEST;
    expect(created).toMatchObject(echoed);
    const days = (Date.parse(created.expires ?? '') - Date.parse(created.created)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    const [listed] = await apiFor(registry, transport).listTokens(registry.sessionFor(USER));
    expect(listed).toMatchObject({
      name: 'ci deploy',
      orgsPermission: 'read-only',
      expires: created.expires,
    });
  });

  it('with 2FA: OTP_REQUIRED, then the identical body again with npm-otp', async () => {
    const registry = await server({ otp: '246810' });
    const api = apiFor(registry, transport);
    const session = registry.sessionFor(USER);
    const request = { kind: 'legacy', readonly: true, cidr: [] } as const;
    const err = await failure(api.createToken(session, request, { password: PASSWORD }));
    expect(err.code).toBe('OTP_REQUIRED');
    expect(registry.tokens).toHaveLength(0);
    const created = await api.createToken(session, request, { password: PASSWORD, otp: '246810' });
    expect(created.readonly).toBe(true);
    const [first, second] = registry.requests;
    expect(second?.body).toBe(first?.body);
    expect(second?.headers['npm-otp']).toBe('246810');
  });

  it('says AUTH_FAILED for a wrong password (npmjs: 401)', async () => {
    const registry = await server();
    const err = await failure(
      apiFor(registry, transport).createToken(
        registry.sessionFor(USER),
        { kind: 'legacy', readonly: true, cidr: [] },
        { password: 'not it at all' },
      ),
    );
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.details?.reason).toBe('password');
    expectNoSecret(err, ['not it at all']);
  });

  it('refuses an invalid CIDR before sending anything (npm CLI: "Invalid CIDR")', async () => {
    const registry = await server();
    const err = await failure(
      apiFor(registry, transport).createToken(
        registry.sessionFor(USER),
        { kind: 'legacy', readonly: true, cidr: ['10.0.0.0/8', '10.0.0.0/33'] },
        { password: PASSWORD },
      ),
    );
    expect(err.code).toBe('INVALID_CIDR');
    expect(err.message).toBe('Invalid CIDR: 10.0.0.0/33');
    expect(registry.requests).toHaveLength(0);
  });

  it('refuses a granular token without a name or with a bad expiry, before sending', async () => {
    const registry = await server();
    const api = apiFor(registry, transport);
    const session = registry.sessionFor(USER);
    for (const request of [
      { kind: 'granular', name: ' ', cidr: [] },
      { kind: 'granular', name: 'x', expiresDays: 0, cidr: [] },
      { kind: 'granular', name: 'x', expiresDays: 1.5, cidr: [] },
    ] as const) {
      expect((await failure(api.createToken(session, request, { password: PASSWORD }))).code).toBe(
        'INVALID_INPUT',
      );
    }
    expect(registry.requests).toHaveLength(0);
  });
});

describe('revoke (DELETE -/npm/v1/tokens/token/KEY → 204)', () => {
  it('revokes; listing again confirms the token is gone', async () => {
    const registry = await server();
    const session = registry.sessionFor(USER);
    registry.seedToken(USER);
    registry.seedToken(USER);
    const api = apiFor(registry, transport);
    const [first, second] = await api.listTokens(session);
    await api.revokeToken(session, first?.key ?? '');
    expect((await api.listTokens(session)).map((t) => t.key)).toEqual([second?.key]);
    expect(registry.requests[1]).toMatchObject({
      method: 'DELETE',
      path: `/-/npm/v1/tokens/token/${first?.key}`,
    });
  });

  it('counts any 2xx body as done: the answer says nothing about the key', async () => {
    const registry = await server();
    registry.failNext({ method: 'DELETE' }, { kind: 'status', status: 200, body: 'OK' });
    await expect(
      apiFor(registry, transport).revokeToken(registry.sessionFor(USER), 'abc'),
    ).resolves.toBeUndefined();
  });

  it('escapes the key into one path segment', async () => {
    const registry = await server();
    await apiFor(registry, transport).revokeToken(registry.sessionFor(USER), '../../whoami');
    expect(registry.requests[0]?.path).toBe('/-/npm/v1/tokens/token/..%2F..%2Fwhoami');
  });
});

describe('a token the registry issues passes the same check as a pasted one', () => {
  const HARVEST = 'npm_x${AWS_SECRET_ACCESS_KEY}';

  it('create: a token with "${" → REGISTRY_BAD_RESPONSE, revoked on the registry, not returned', async () => {
    const registry = await server();
    const session = registry.sessionFor(USER);
    registry.issueNext(HARVEST);
    const err = await failure(
      apiFor(registry, transport).createToken(
        session,
        { kind: 'legacy', readonly: true, cidr: [] },
        { password: PASSWORD },
      ),
    );
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
    expect(err.message).toMatch(/issued a token with .*Keyport revoked it and stored nothing\.$/);
    expect(err.details).toMatchObject({ revoked: true });
    expectNoSecret(err, [HARVEST, 'AWS_SECRET']);
    // The registry no longer holds it: the revoke went to its key.
    expect(registry.tokens.map((t) => t.secret)).not.toContain(HARVEST);
    expect(registry.requests.at(-1)).toMatchObject({ method: 'DELETE' });
  });

  it('create: says so when the revoke failed too', async () => {
    const registry = await server();
    const session = registry.sessionFor(USER);
    registry.issueNext('npm_x%PATH%');
    registry.failNext({ method: 'DELETE' }, { kind: 'status', status: 500 });
    const err = await failure(
      apiFor(registry, transport).createToken(
        session,
        { kind: 'legacy', readonly: true, cidr: [] },
        { password: PASSWORD },
      ),
    );
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
    expect(err.message).toMatch(/could not revoke it: revoke it on the registry\.$/);
    expect(err.details).toMatchObject({ revoked: false });
  });

  it('log in: a session token with "${" → error, and the session is logged out (npm logout)', async () => {
    const registry = await server();
    const session = 'npm_sess${HOME}';
    registry.issueNext(session);
    const err = await failure(apiFor(registry, transport).login(USER, PASSWORD));
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
    expect(err.message).toMatch(/issued a session token with .*Keyport revoked it/);
    expectNoSecret(err, [session, PASSWORD]);
    expect(registry.hasSession(session)).toBe(false);
  });
});
