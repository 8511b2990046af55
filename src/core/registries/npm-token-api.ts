import { invalidCidrMessage, validateCidrs } from '../../shared/cidr';
import { KeyportError } from '../../shared/errors';
import { isValidSecret } from '../validate';
import type { CreateTokenRequest } from '../../shared/ipc-contract';
import type { CreatedToken, RemoteToken } from '../../shared/registry-types';
import { DEFAULT_TIMEOUT_MS, realWait, type Wait } from './call-deadline';
import type { CallOptions, CreateOptions, RegistryTokenClient } from './registry-client';
import type { CallPurpose } from './registry-errors';
import { badResponse, sendRegistryRequest, type RequestSettings } from './registry-request';
import { endpoint, nextPageUrl } from './registry-endpoints';
import { registryBase } from './registry-url';
import {
  checkCreateRequest,
  createTokenBody,
  parseCreatedToken,
  parseLoginToken,
  parseTokenPage,
  parseWhoami,
  WireShapeError,
} from './token-wire';
import type { Transport, TransportRequest } from './transport';

export interface NpmTokenApiOptions {
  /** Any npm registry URL: npmjs, Verdaccio, GitHub Packages, Artifactory's npm path, … */
  registry: string;
  transport: Transport;
  /** Per request, body included. */
  timeoutMs?: number;
  /** Extra attempts for reads after a 429 or 5xx. */
  retries?: number;
  maxRetryAfterSeconds?: number;
  wait?: Wait;
  /** A registry whose `urls.next` never ends must not keep Keyport busy forever. */
  maxPages?: number;
  userAgent?: string;
}

const DEFAULTS = { retries: 2, maxRetryAfterSeconds: 5, maxPages: 200 };

/** Visible ASCII only: anything else in a header is refused by undici or splits the header. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * A client for one registry's npm token API (see shared/registry-api.md). Holds no credential:
 * every call gets the token it acts with, and a password lives only inside the call that sends it.
 */
export class NpmTokenApi implements RegistryTokenClient {
  readonly registry: string;
  private readonly base: URL;
  private readonly settings: RequestSettings;
  private readonly maxPages: number;
  private readonly userAgent: string;

  constructor(options: NpmTokenApiOptions) {
    this.base = registryBase(options.registry);
    this.registry = this.base.toString();
    this.settings = {
      transport: options.transport,
      host: this.base.host,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retries: options.retries ?? DEFAULTS.retries,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? DEFAULTS.maxRetryAfterSeconds,
      wait: options.wait ?? realWait,
    };
    this.maxPages = options.maxPages ?? DEFAULTS.maxPages;
    this.userAgent = options.userAgent ?? 'keyport';
  }

  async login(username: string, password: string, options: CallOptions = {}): Promise<string> {
    if (!username || /[\s:/]/.test(username)) {
      throw new KeyportError(
        'INVALID_INPUT',
        'The user name must not be empty or contain spaces, ":" or "/".',
      );
    }
    if (!password) throw new KeyportError('INVALID_INPUT', 'Enter the password.');
    const url = endpoint(this.base, `-/user/org.couchdb.user:${encodeURIComponent(username)}`);
    const body = JSON.stringify({
      _id: `org.couchdb.user:${username}`,
      name: username,
      password,
      type: 'user',
      roles: [],
      date: new Date().toISOString(),
    });
    const basic = Buffer.from(`${username}:${password}`).toString('base64');
    const send = (proveWithBasic: boolean): Promise<unknown> =>
      this.call('login', 'PUT', url, options, {
        body,
        secrets: [password, basic],
        ...(proveWithBasic ? { authorization: `Basic ${basic}` } : {}),
      });
    let answer: unknown;
    try {
      answer = await send(false);
    } catch (err) {
      // npm's own log-in: a 409 means "that user exists"; send again proving the password (Basic),
      // which npmjs and Verdaccio answer with a session token.
      if (!(err instanceof KeyportError && err.details?.status === 409)) throw err;
      answer = await send(true);
    }
    const session = this.read('login', () => parseLoginToken(answer));
    if (!isValidSecret(session)) {
      // npm's own log-out, so the refused session does not stay valid on the registry.
      const revoked = await this.call(
        'revoke',
        'DELETE',
        endpoint(this.base, `-/user/token/${encodeURIComponent(session)}`),
        options,
        { token: session, ignoreBody: true },
      ).then(
        () => true,
        () => false,
      );
      throw unsafeIssuedToken(this.settings.host, 'session token', revoked);
    }
    return session;
  }

  async whoami(token: string, options: CallOptions = {}): Promise<string | null> {
    try {
      const answer = await this.call('whoami', 'GET', endpoint(this.base, '-/whoami'), options, {
        token,
      });
      return this.read('whoami', () => parseWhoami(answer));
    } catch (err) {
      // A token the registry refuses (revoked, expired, wrong address range) signs nobody in.
      if (err instanceof KeyportError && (err.code === 'AUTH_FAILED' || err.code === 'FORBIDDEN')) {
        return null;
      }
      throw err;
    }
  }

  async listTokens(token: string, options: CallOptions = {}): Promise<RemoteToken[]> {
    const tokens: RemoteToken[] = [];
    const seen = new Set<string>();
    let url: string | null = endpoint(this.base, '-/npm/v1/tokens');
    while (url) {
      if (seen.size >= this.maxPages || seen.has(url)) {
        throw badResponse(
          { host: this.settings.host, purpose: 'list' },
          'keeps sending more pages of tokens',
        );
      }
      seen.add(url);
      const answer = await this.call('list', 'GET', url, options, { token });
      const page = this.read('list', () => parseTokenPage(answer));
      tokens.push(...page.tokens);
      url = page.next ? nextPageUrl(this.base, page.next) : null;
      if (page.next && !url) {
        throw badResponse(
          { host: this.settings.host, purpose: 'list' },
          'sent the next page of tokens to another address; Keyport did not send your token there',
        );
      }
    }
    return tokens;
  }

  async createToken(
    token: string,
    request: CreateTokenRequest,
    options: CreateOptions = {},
  ): Promise<CreatedToken> {
    // Nothing leaves Keyport for a list npm's CLI would refuse; Verdaccio would store it as it is.
    const invalid = validateCidrs(request.cidr);
    if (invalid !== null) {
      throw new KeyportError('INVALID_CIDR', invalidCidrMessage(invalid), { entry: invalid });
    }
    checkCreateRequest(request);
    const { password } = options;
    const answer = await this.call(
      'create',
      'POST',
      endpoint(this.base, '-/npm/v1/tokens'),
      options,
      {
        token,
        body: JSON.stringify(createTokenBody(request, password)),
        secrets: password ? [password] : [],
      },
    );
    const created = this.read('create', () => parseCreatedToken(answer));
    if (!isValidSecret(created.token)) {
      const revoked = await this.revokeToken(token, created.key, options).then(
        () => true,
        () => false,
      );
      throw unsafeIssuedToken(this.settings.host, 'token', revoked);
    }
    return created;
  }

  async revokeToken(token: string, key: string, options: CallOptions = {}): Promise<void> {
    if (!key) throw new KeyportError('INVALID_INPUT', 'Which token? The key is empty.');
    const url = endpoint(this.base, `-/npm/v1/tokens/token/${encodeURIComponent(key)}`);
    // Registries answer 200 {}, 204 or plain text; none of it says whether the key existed.
    await this.call('revoke', 'DELETE', url, options, { token, ignoreBody: true });
  }

  private async call(
    purpose: CallPurpose,
    method: TransportRequest['method'],
    url: string,
    options: CallOptions,
    extra: {
      token?: string;
      authorization?: string;
      body?: string;
      secrets?: string[];
      ignoreBody?: boolean;
    },
  ): Promise<unknown> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.userAgent,
    };
    const secrets = [...(extra.secrets ?? [])];
    if (extra.token !== undefined) {
      checkHeaderValue(extra.token, 'The token');
      headers.authorization = `Bearer ${extra.token}`;
      secrets.push(extra.token);
    }
    if (extra.authorization) headers.authorization = extra.authorization;
    if (options.otp !== undefined) {
      checkHeaderValue(options.otp, 'The one-time password');
      headers['npm-otp'] = options.otp;
      secrets.push(options.otp);
    }
    if (extra.body !== undefined) headers['content-type'] = 'application/json';
    const answer = await sendRegistryRequest(this.settings, {
      purpose,
      method,
      url,
      headers,
      ...(extra.body === undefined ? {} : { body: extra.body }),
      secrets,
      otpSent: options.otp !== undefined,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(extra.ignoreBody ? { ignoreBody: true } : {}),
    });
    return answer.body;
  }

  /** Parses a success answer; a shape we cannot read is the registry's fault, said plainly. */
  private read<T>(purpose: CallPurpose, parse: () => T): T {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof WireShapeError)) throw err;
      throw badResponse(
        { host: this.settings.host, purpose },
        `sent an answer Keyport cannot read (${err.message})`,
      );
    }
  }
}

/**
 * A token the registry issued that Keyport must not store: with `${…}` or `%NAME%` a client would
 * fill in an environment variable, with control characters it would break a config file. The
 * message says what happened, never the value.
 */
function unsafeIssuedToken(host: string, what: string, revoked: boolean): KeyportError {
  const outcome = revoked
    ? 'Keyport revoked it and stored nothing.'
    : 'Keyport stored nothing, but could not revoke it: revoke it on the registry.';
  return new KeyportError(
    'REGISTRY_BAD_RESPONSE',
    `${host} issued a ${what} with "\${", a %NAME% pair, spaces or control characters, which clients would expand or misread. ${outcome}`,
    { revoked },
  );
}

function checkHeaderValue(value: string, what: string): void {
  if (!HEADER_SAFE.test(value)) {
    throw new KeyportError('INVALID_INPUT', `${what} is empty or contains spaces or line breaks.`);
  }
}
