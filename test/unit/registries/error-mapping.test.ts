import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/core/registries/registry-errors';
import {
  apiFor,
  expectNoSecret,
  failure,
  PASSWORD,
  recordingWait,
  USER,
  useServers,
  useTransport,
} from './registry-test-kit';

/**
 * Every way a registry can fail, each a KeyportError with a code the UI and CLI understand and a
 * sentence without secrets. The faults copy what npmjs and proxies in front of registries send.
 */
const transport = useTransport();
const server = useServers();
const LEGACY = { kind: 'legacy', readonly: true, cidr: [] } as const;
const TOKENS = '/-/npm/v1/tokens';

describe('answers with an error status', () => {
  it('401 + www-authenticate: OTP alone (npm-registry-fetch reads the header) → OTP_REQUIRED', async () => {
    const registry = await server();
    registry.failNext(
      { path: '/-/whoami' },
      {
        kind: 'status',
        status: 401,
        headers: { 'www-authenticate': 'Bearer, OTP' },
        body: '{"error":"Unauthorized"}',
      },
    );
    const err = await failure(apiFor(registry, transport).whoami(registry.sessionFor(USER)));
    expect(err.code).toBe('OTP_REQUIRED');
  });

  it('401 + www-authenticate: Basic, Bearer (Verdaccio) → AUTH_FAILED asking to sign in again', async () => {
    const registry = await server();
    registry.failNext(
      { path: TOKENS },
      {
        kind: 'status',
        status: 401,
        headers: { 'www-authenticate': 'Basic, Bearer' },
        body: '{"error":"no credentials provided"}',
      },
    );
    const err = await failure(apiFor(registry, transport).listTokens(registry.sessionFor(USER)));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.details?.reason).toBe('token');
    expect(err.message).toContain('sign in again');
  });

  it('401 + www-authenticate: ipaddress (npmjs, token outside its CIDR list) → FORBIDDEN', async () => {
    const registry = await server();
    registry.failNext(
      { path: TOKENS },
      { kind: 'status', status: 401, headers: { 'www-authenticate': 'ipaddress' } },
    );
    const err = await failure(apiFor(registry, transport).listTokens(registry.sessionFor(USER)));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.details?.reason).toBe('ip-address');
  });

  it('403 → FORBIDDEN with the registry reason', async () => {
    const registry = await server();
    registry.failNext(
      { path: TOKENS },
      { kind: 'status', status: 403, body: '{"error":"org policy forbids tokens"}' },
    );
    const err = await failure(apiFor(registry, transport).listTokens(registry.sessionFor(USER)));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('org policy forbids tokens');
  });

  it('404 on the token endpoints → TOKEN_API_UNSUPPORTED (a registry without the token API)', async () => {
    const registry = await server();
    const api = apiFor(registry, transport);
    const session = registry.sessionFor(USER);
    registry.failNext(
      {},
      { kind: 'status', status: 404 },
      { kind: 'status', status: 404 },
      { kind: 'status', status: 404 },
    );
    expect((await failure(api.listTokens(session))).code).toBe('TOKEN_API_UNSUPPORTED');
    expect((await failure(api.createToken(session, LEGACY, { password: PASSWORD }))).code).toBe(
      'TOKEN_API_UNSUPPORTED',
    );
    expect((await failure(api.revokeToken(session, 'abc'))).code).toBe('TOKEN_API_UNSUPPORTED');
  });

  it('404 on log-in → TOKEN_API_UNSUPPORTED saying to paste a token (GitHub Packages has no password log-in)', async () => {
    const registry = await server();
    registry.failNext({ method: 'PUT' }, { kind: 'status', status: 404 });
    const err = await failure(apiFor(registry, transport).login(USER, PASSWORD));
    expect(err.code).toBe('TOKEN_API_UNSUPPORTED');
    expect(err.message).toContain('paste a token');
  });

  it('400 and 422 → REGISTRY_REJECTED with the reason, echoed secrets hidden', async () => {
    const registry = await server();
    const session = registry.sessionFor(USER);
    const otp = '135790';
    registry.failNext(
      { path: TOKENS },
      {
        kind: 'status',
        status: 422,
        body: JSON.stringify({
          error: `invalid request ${JSON.stringify({ password: PASSWORD })} from ${session}`,
        }),
      },
      {
        kind: 'status',
        status: 400,
        body: JSON.stringify({ message: 'cidr_whitelist must contain valid ranges' }),
      },
    );
    const api = apiFor(registry, transport);
    const rejected = await failure(api.createToken(session, LEGACY, { password: PASSWORD, otp }));
    expect(rejected.code).toBe('REGISTRY_REJECTED');
    expect(rejected.message).toContain('invalid request');
    expect(rejected.message).toContain('[hidden]');
    expectNoSecret(rejected, [PASSWORD, session, otp]);
    const bad = await failure(api.createToken(session, LEGACY, { password: PASSWORD }));
    expect(bad.code).toBe('REGISTRY_REJECTED');
    expect(bad.message).toBe(
      '127.0.0.1:' +
        new URL(registry.url).port +
        ' refused the request: cidr_whitelist must contain valid ranges',
    );
  });

  it('429 on a create → RATE_LIMITED with retryAfterSeconds, not repeated', async () => {
    const registry = await server();
    const { waits, wait } = recordingWait();
    registry.failNext(
      { path: TOKENS },
      { kind: 'status', status: 429, headers: { 'retry-after': '3' } },
    );
    const err = await failure(
      apiFor(registry, transport, { wait }).createToken(registry.sessionFor(USER), LEGACY, {
        password: PASSWORD,
      }),
    );
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.details?.retryAfterSeconds).toBe(3);
    expect(registry.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('429 on a read with a short Retry-After → waited out and read again', async () => {
    const registry = await server();
    const { waits, wait } = recordingWait();
    registry.seedToken(USER);
    registry.failNext(
      { path: TOKENS },
      { kind: 'status', status: 429, headers: { 'retry-after': '2' } },
    );
    const tokens = await apiFor(registry, transport, { wait }).listTokens(
      registry.sessionFor(USER),
    );
    expect(tokens).toHaveLength(1);
    expect(waits).toEqual([2000]);
  });

  it('429 on a read, again and again → at most 2 retries, then RATE_LIMITED', async () => {
    const registry = await server();
    const { waits, wait } = recordingWait();
    const limited = { kind: 'status', status: 429, headers: { 'retry-after': '1' } } as const;
    registry.failNext({ path: TOKENS }, limited, limited, limited, limited);
    const err = await failure(
      apiFor(registry, transport, { wait }).listTokens(registry.sessionFor(USER)),
    );
    expect(err.code).toBe('RATE_LIMITED');
    expect(registry.requests).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it('429 with a long Retry-After → reported at once, not waited', async () => {
    const registry = await server();
    const { waits, wait } = recordingWait();
    registry.failNext(
      { path: TOKENS },
      { kind: 'status', status: 429, headers: { 'retry-after': '120' } },
    );
    const err = await failure(
      apiFor(registry, transport, { wait }).listTokens(registry.sessionFor(USER)),
    );
    expect(err.details?.retryAfterSeconds).toBe(120);
    expect(err.message).toContain('120 s');
    expect(waits).toEqual([]);
  });

  it('Retry-After as an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('5xx on a read → retried with backoff, then REGISTRY_ERROR', async () => {
    const registry = await server();
    const { waits, wait } = recordingWait();
    const down = { kind: 'status', status: 503, body: '<html>Service Unavailable</html>' } as const;
    registry.failNext({ path: '/-/whoami' }, down, down, down);
    const err = await failure(
      apiFor(registry, transport, { wait }).whoami(registry.sessionFor(USER)),
    );
    expect(err.code).toBe('REGISTRY_ERROR');
    expect(err.details?.status).toBe(503);
    expect(waits).toEqual([500, 1000]);
  });

  it('5xx once on a read → the retry succeeds', async () => {
    const registry = await server();
    const { wait } = recordingWait();
    registry.failNext({ path: '/-/whoami' }, { kind: 'status', status: 502 });
    expect(await apiFor(registry, transport, { wait }).whoami(registry.sessionFor(USER))).toBe(
      USER,
    );
  });

  it('5xx on a create → REGISTRY_ERROR at once, telling to list before trying again', async () => {
    const registry = await server();
    registry.failNext({ path: TOKENS }, { kind: 'status', status: 500 });
    const err = await failure(
      apiFor(registry, transport).createToken(registry.sessionFor(USER), LEGACY, {
        password: PASSWORD,
      }),
    );
    expect(err.code).toBe('REGISTRY_ERROR');
    expect(err.message).toContain('list the tokens');
    expect(registry.requests).toHaveLength(1);
  });

  it('a redirect is not followed with the credentials', async () => {
    const registry = await server();
    const elsewhere = await server();
    registry.failNext(
      { path: '/-/whoami' },
      { kind: 'status', status: 307, headers: { location: `${elsewhere.url}-/whoami?x=1` } },
    );
    const err = await failure(apiFor(registry, transport).whoami(registry.sessionFor(USER)));
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
    expect(err.message).toContain(new URL(elsewhere.url).origin);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('answers that are not what was asked for', () => {
  it('a body that is not JSON → REGISTRY_BAD_RESPONSE (a captive portal answering 200 HTML)', async () => {
    const registry = await server();
    registry.failNext({ path: TOKENS }, { kind: 'non-json' });
    const err = await failure(apiFor(registry, transport).listTokens(registry.sessionFor(USER)));
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
    expect(err.message).toContain('text/html');
  });

  it('a create answer without the token → REGISTRY_BAD_RESPONSE that says to check the list', async () => {
    const registry = await server();
    registry.failNext(
      { path: TOKENS },
      { kind: 'status', status: 200, body: '{"key":"abc","created":"2026-01-01T00:00:00Z"}' },
    );
    const err = await failure(
      apiFor(registry, transport).createToken(registry.sessionFor(USER), LEGACY, {
        password: PASSWORD,
      }),
    );
    expect(err.code).toBe('REGISTRY_BAD_RESPONSE');
    expect(err.message).toContain('token is missing');
    expect(err.message).toContain('list the tokens');
  });

  it('a connection reset halfway through the body → REGISTRY_UNREACHABLE', async () => {
    const registry = await server();
    registry.failNext({ path: TOKENS }, { kind: 'reset-mid-body' });
    const err = await failure(apiFor(registry, transport).listTokens(registry.sessionFor(USER)));
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(err.details?.phase).toBe('body');
  });
});

describe('time-outs and cancelling', () => {
  it('a registry that never answers → REGISTRY_TIMEOUT after the deadline', async () => {
    const registry = await server();
    registry.failNext({ path: '/-/whoami' }, { kind: 'hang' });
    const err = await failure(
      apiFor(registry, transport, { timeoutMs: 300 }).whoami(registry.sessionFor(USER)),
    );
    expect(err.code).toBe('REGISTRY_TIMEOUT');
    expect(err.message).toContain('0.3 s');
  });

  it('the default deadline is 15 s', async () => {
    const { DEFAULT_TIMEOUT_MS } = await import('../../../src/core/registries/call-deadline');
    expect(DEFAULT_TIMEOUT_MS).toBe(15_000);
  });

  it('cancelling a waiting request → CANCELLED, not a time-out', async () => {
    const registry = await server();
    registry.failNext({ path: TOKENS }, { kind: 'hang' });
    const controller = new AbortController();
    const hung = registry.nextHang().then(() => controller.abort());
    const err = await failure(
      apiFor(registry, transport).createToken(registry.sessionFor(USER), LEGACY, {
        password: PASSWORD,
        signal: controller.signal,
      }),
    );
    await hung;
    expect(err.code).toBe('CANCELLED');
    // The registry had the request: it may have made the token.
    expect(err.message).toContain('list the tokens');
    expectNoSecret(err, [PASSWORD]);
  });

  it('an already cancelled call sends nothing', async () => {
    const registry = await server();
    const controller = new AbortController();
    controller.abort();
    const err = await failure(
      apiFor(registry, transport).listTokens(registry.sessionFor(USER), {
        signal: controller.signal,
      }),
    );
    expect(err.code).toBe('CANCELLED');
    expect(registry.requests).toHaveLength(0);
  });

  it('cancelling during a retry wait → CANCELLED', async () => {
    const registry = await server();
    const controller = new AbortController();
    registry.failNext({ path: TOKENS }, { kind: 'status', status: 503 });
    const api = apiFor(registry, transport, {
      wait: (_ms, signal) => {
        controller.abort();
        return signal?.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
      },
    });
    const err = await failure(
      api.listTokens(registry.sessionFor(USER), { signal: controller.signal }),
    );
    expect(err.code).toBe('CANCELLED');
    expect(registry.requests).toHaveLength(1);
  });
});

describe('registries that cannot be reached', () => {
  it('connection refused → REGISTRY_UNREACHABLE (ECONNREFUSED)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(
      apiFor({ url: `http://127.0.0.1:${port}/` }, transport).whoami('npm_x'),
    );
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(err.details?.code).toBe('ECONNREFUSED');
  });

  it('unknown host → REGISTRY_UNREACHABLE (.invalid never resolves)', async () => {
    const err = await failure(
      apiFor({ url: 'http://registry.keyport.invalid/' }, transport).whoami('npm_x'),
    );
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(err.details?.code);
  });
});
