import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { serveBomb, type Bomb } from './bomb-server';

/**
 * A small registry on 127.0.0.1 that answers the npm token API the way registry.npmjs.org
 * documents it, for what Verdaccio cannot show: one-time passwords (401 + `www-authenticate: OTP`),
 * granular tokens (fields echoed, `expires` in days → a date), pagination through `urls.next`,
 * masked `npm_…` tokens with `cidr_whitelist`, and faults (429 + Retry-After, 5xx, bodies that are
 * not JSON, a registry that never answers, a connection that breaks mid-body).
 */

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Fault =
  /** Any status with an optional body and headers, e.g. 429 + Retry-After or 503. */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** 200 with an HTML page, as a captive portal or a misconfigured proxy answers. */
  | { kind: 'non-json' }
  /** Headers are never sent; the request stays open until the client gives up. */
  | { kind: 'hang' }
  /** A slow registry: the request waits (like 'hang') until `until` settles, then is answered. */
  | { kind: 'delay'; until: Promise<unknown> }
  /** Starts a 200 JSON answer, then destroys the socket halfway through the body. */
  | { kind: 'reset-mid-body' }
  /** A 200 whose body is far too large, plain or as a gzip/brotli bomb (bomb-server.ts). */
  | { kind: 'bomb'; bomb: Bomb };

export interface FaultMatch {
  method?: string;
  /** Matched against the path without the query. */
  path?: string | RegExp;
}

export interface NpmLikeServerOptions {
  /** name → password. */
  users?: Record<string, string>;
  /** When set, log-in, create and revoke need this code in `npm-otp` (an account with 2FA). */
  otp?: string;
  /** Tokens per list page; npmjs pages its token list. */
  pageSize?: number;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
}

export interface ServerToken {
  user: string;
  secret: string;
  key: string;
  wire: Record<string, unknown>;
}

export interface NpmLikeServer {
  url: string;
  requests: RecordedRequest[];
  tokens: ServerToken[];
  /** A session token for the user, as a log-in would return. */
  sessionFor(user: string): string;
  /**
   * The next session or token the server issues has this value instead of a random one: a
   * hostile registry's `npm_x${AWS_SECRET_ACCESS_KEY}`.
   */
  issueNext(secret: string): void;
  /** The registry drops a session (it expired, or the user logged out elsewhere). */
  endSession(secret: string): void;
  /** Whether a session token is still valid (npm's log-out, DELETE -/user/token/T, ends one). */
  hasSession(secret: string): boolean;
  /** Adds an account that logs in with this password. */
  addUser(name: string, password: string): void;
  /**
   * From now on the granular fields of a create are ignored and a plain token is made, as
   * Verdaccio does (test/integration/registries/verdaccio-token-api.test.ts proves it).
   */
  ignoreGranular(): void;
  /** From now on log-in, create and revoke need this code in `npm-otp` (null: no 2FA). */
  requireOtp(code: string | null): void;
  /** Adds a token directly (to fill pages) and returns its full secret. */
  seedToken(user: string, wire?: Record<string, unknown>): string;
  /** The next matching requests get these faults, one each, before normal answers resume. */
  failNext(match: FaultMatch, ...faults: Fault[]): void;
  /** Resolves when the next request is held open by a 'hang' fault: the moment to cancel. */
  nextHang(): Promise<void>;
  stop(): Promise<void>;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** npmjs tokens: `npm_` and 36 letters and digits. */
function newSecret(): string {
  return `npm_${Array.from(randomBytes(36), (b) => BASE62[b % 62]).join('')}`;
}

/** npmjs lists a token as its first and last characters, the way the website shows it. */
function npmMask(secret: string): string {
  return `${secret.slice(0, 6)}…${secret.slice(-4)}`;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

export async function startNpmLikeServer(
  options: NpmLikeServerOptions = {},
): Promise<NpmLikeServer> {
  const users = { ...options.users };
  let otp = options.otp;
  let granularTokens = true;
  const sessions = new Map<string, string>();
  const tokens: ServerToken[] = [];
  const requests: RecordedRequest[] = [];
  const faults: { match: FaultMatch; fault: Fault }[] = [];
  const hangWaiters: (() => void)[] = [];
  const pageSize = options.pageSize ?? 100;
  let origin = '';
  const issued: string[] = [];
  const nextSecret = (): string => issued.shift() ?? newSecret();

  const sessionFor = (user: string): string => {
    const secret = nextSecret();
    sessions.set(secret, user);
    return secret;
  };

  const addToken = (user: string, wire: Record<string, unknown> = {}): ServerToken => {
    const secret = nextSecret();
    const now = new Date().toISOString();
    const token: ServerToken = {
      user,
      secret,
      key: createHash('sha512').update(secret).digest('hex'),
      wire: {
        readonly: false,
        automation: false,
        cidr_whitelist: null,
        created: now,
        updated: now,
        ...wire,
      },
    };
    tokens.push(token);
    return token;
  };

  const userOf = (req: http.IncomingMessage): string | undefined => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) return undefined;
    const secret = auth.slice('Bearer '.length);
    return sessions.get(secret) ?? tokens.find((t) => t.secret === secret)?.user;
  };

  /** npmjs: `401` + `www-authenticate: OTP` until the right `npm-otp` header comes along. */
  const otpMissing = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    if (!otp || req.headers['npm-otp'] === otp) return false;
    json(
      res,
      401,
      {
        error:
          'You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.',
      },
      { 'www-authenticate': 'OTP' },
    );
    return true;
  };

  const takeFault = (method: string, path: string): Fault | undefined => {
    const index = faults.findIndex(({ match }) => {
      if (match.method && match.method !== method) return false;
      if (match.path === undefined) return true;
      return typeof match.path === 'string' ? match.path === path : match.path.test(path);
    });
    return index < 0 ? undefined : faults.splice(index, 1)[0]?.fault;
  };

  const applyFault = (
    fault: Fault,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    answer: () => void,
  ): void => {
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(fault.body ?? JSON.stringify({ error: http.STATUS_CODES[fault.status] }));
        return;
      case 'non-json':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Please sign in to the network</body></html>');
        return;
      case 'hang':
        // Nothing is written; stop() closes the socket if the client never gives up.
        for (const wake of hangWaiters.splice(0)) wake();
        return;
      case 'delay':
        for (const wake of hangWaiters.splice(0)) wake();
        void fault.until.finally(() => {
          if (!req.socket.destroyed) answer();
        });
        return;
      case 'bomb':
        return serveBomb(res, fault.bomb);
      case 'reset-mid-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        // The first bytes reach the client, then the connection drops.
        res.write('{"objects":[{"token":"npm_ab', () => req.socket.destroy());
        return;
    }
  };

  const login = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string,
    body: string,
  ): void => {
    let password: unknown;
    try {
      password = (JSON.parse(body) as { password?: unknown }).password;
    } catch {
      return json(res, 400, { error: 'bad request' });
    }
    if (users[name] === undefined || users[name] !== password) {
      return json(res, 401, { error: 'Incorrect or missing password.' });
    }
    if (otpMissing(req, res)) return;
    json(res, 201, { ok: true, id: `org.couchdb.user:${name}`, token: sessionFor(name) });
  };

  const listTokens = (res: http.ServerResponse, user: string, url: URL): void => {
    const page = Number(url.searchParams.get('page') ?? '0');
    const mine = tokens.filter((t) => t.user === user);
    const slice = mine.slice(page * pageSize, (page + 1) * pageSize);
    const more = (page + 1) * pageSize < mine.length;
    json(res, 200, {
      objects: slice.map((t) => ({ token: npmMask(t.secret), key: t.key, ...t.wire })),
      total: mine.length,
      urls: { next: more ? `${origin}/-/npm/v1/tokens?page=${page + 1}&perPage=${pageSize}` : '' },
    });
  };

  const createToken = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    user: string,
    body: string,
  ): void => {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: 'bad request' });
    }
    if (input.password !== users[user])
      return json(res, 401, { error: 'Incorrect or missing password.' });
    if (otpMissing(req, res)) return;
    if (input.readonly !== undefined && typeof input.readonly !== 'boolean') {
      return json(res, 422, { error: 'readonly must be a boolean' });
    }
    const cidr = input.cidr_whitelist ?? [];
    if (!Array.isArray(cidr)) return json(res, 422, { error: 'cidr_whitelist must be an array' });
    const granular: Record<string, unknown> = {};
    if (granularTokens && typeof input.name === 'string') {
      for (const field of [
        'name',
        'description',
        'packages',
        'packages_all',
        'scopes',
        'orgs',
        'packages_and_scopes_permission',
        'orgs_permission',
        'bypass_2fa',
      ]) {
        if (input[field] !== undefined) granular[field] = input[field];
      }
      const days = typeof input.expires === 'number' ? input.expires : 7;
      granular.expires = new Date(Date.now() + days * 86_400_000).toISOString();
    }
    const created = addToken(user, {
      readonly: input.readonly === true,
      automation: input.automation === true,
      cidr_whitelist: cidr,
      ...granular,
    });
    json(res, 200, {
      token: created.secret,
      key: created.key,
      readonly: input.readonly === true,
      automation: input.automation === true,
      cidr_whitelist: cidr,
      created: created.wire.created,
      updated: created.wire.updated,
      ...granular,
    });
  };

  const route = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const fault = takeFault(method, url.pathname);
    if (fault) return applyFault(fault, req, res, () => answer(req, res, body));
    answer(req, res, body);
  };

  const answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';

    const userPath = /^\/-\/user\/org\.couchdb\.user:([^/]+)$/.exec(url.pathname);
    if (method === 'PUT' && userPath?.[1])
      return login(req, res, decodeURIComponent(userPath[1]), body);

    const user = userOf(req);
    if (method === 'GET' && url.pathname === '/-/whoami') {
      return user ? json(res, 200, { username: user }) : json(res, 401, { error: 'Unauthorized' });
    }
    if (url.pathname.startsWith('/-/npm/v1/tokens') && !user) {
      return json(res, 401, { error: 'Unauthorized' });
    }
    if (user && method === 'GET' && url.pathname === '/-/npm/v1/tokens') {
      return listTokens(res, user, url);
    }
    if (user && method === 'POST' && url.pathname === '/-/npm/v1/tokens') {
      return createToken(req, res, user, body);
    }
    // npm logout: the session in the path ends, if the caller holds it.
    const logout = /^\/-\/user\/token\/([^/]+)$/.exec(url.pathname);
    if (method === 'DELETE' && logout?.[1]) {
      const session = decodeURIComponent(logout[1]);
      if (req.headers.authorization !== `Bearer ${session}`) return json(res, 401, {});
      sessions.delete(session);
      return json(res, 200, { ok: true });
    }
    const revoke = /^\/-\/npm\/v1\/tokens\/token\/([^/]+)$/.exec(url.pathname);
    if (method === 'DELETE' && revoke?.[1]) {
      if (otpMissing(req, res)) return;
      const key = decodeURIComponent(revoke[1]);
      const index = tokens.findIndex((t) => t.user === user && t.key === key);
      if (index >= 0) tokens.splice(index, 1);
      res.writeHead(204);
      return void res.end();
    }
    json(res, 404, { error: 'Not found' });
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      route(req, res, body);
    });
  };

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    requests,
    tokens,
    sessionFor,
    issueNext: (secret) => void issued.push(secret),
    hasSession: (secret) => sessions.has(secret),
    endSession: (secret) => void sessions.delete(secret),
    addUser: (name, password) => void (users[name] = password),
    ignoreGranular: () => void (granularTokens = false),
    requireOtp: (code) => void (otp = code ?? undefined),
    seedToken: (user, wire) => addToken(user, wire).secret,
    failNext: (match, ...list) => {
      for (const fault of list) faults.push({ match, fault });
    },
    nextHang: () => new Promise<void>((resolve) => hangWaiters.push(resolve)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
