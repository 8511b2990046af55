/**
 * An in-memory KeyportApi for component tests. It exists only because Electron's IPC cannot run
 * inside vitest; the real path (preload → main → core → keychain) is covered end to end by the
 * Playwright test. It keeps the real contract honest where it is cheap: requests are validated
 * with the contract's own schemas and failures travel as IpcResult values, as they do from main.
 */
import * as v from 'valibot';
import type { KeyportErrorCode } from '../../src/shared/errors';
import {
  apiMethods,
  requestSchemas,
  type ApiMethod,
  type IpcResult,
  type KeyportApi,
  type RequestOf,
} from '../../src/shared/ipc-contract';
import { maskSecret } from '../../src/shared/mask';
import type { AppInfo, TokenMeta } from '../../src/shared/types';

export interface SeedToken extends Partial<TokenMeta> {
  label: string;
  secret: string;
}

type VaultRequest<M extends ApiMethod> = RequestOf<(typeof apiMethods)[M]>;

interface Failure {
  code: KeyportErrorCode;
  message: string;
}

export class FakeKeyport {
  readonly secrets = new Map<string, string>();
  readonly metas = new Map<string, TokenMeta>();
  readonly calls: { method: ApiMethod; request: unknown }[] = [];
  /** The value main would have put on the clipboard. */
  clipboard: string | null = null;
  private readonly failures = new Map<ApiMethod, Failure>();
  private readonly holds = new Map<ApiMethod, Promise<void>>();
  private nextId = 1;

  constructor(
    seed: SeedToken[] = [],
    readonly info: AppInfo = {
      version: '0.0.0-test',
      dataDir: '/tmp/keyport-test',
      platform: 'linux',
      clipboardClearSeconds: 30,
      revealHideSeconds: 30,
    },
  ) {
    for (const token of seed) this.seed(token);
  }

  seed({ secret, ...meta }: SeedToken): TokenMeta {
    const id = meta.id ?? `t${this.nextId++}`;
    const token: TokenMeta = {
      registry: 'https://registry.npmjs.org/',
      ecosystem: 'npm',
      permissions: [],
      created: '2026-01-15T09:00:00.000Z',
      expires: null,
      lastUsed: null,
      origin: 'pasted',
      writtenTo: [],
      status: 'ok',
      ...meta,
      id,
      masked: maskSecret(secret),
    };
    this.metas.set(id, token);
    this.secrets.set(id, secret);
    return token;
  }

  /** The next call to `method` answers with this error (once). */
  failNext(method: ApiMethod, code: KeyportErrorCode, message: string): void {
    this.failures.set(method, { code, message });
  }

  /** Calls to `method` wait until the returned function is called: for busy states. */
  hold(method: ApiMethod): () => void {
    let release!: () => void;
    this.holds.set(
      method,
      new Promise<void>((resolve) => {
        release = () => {
          this.holds.delete(method);
          resolve();
        };
      }),
    );
    return release;
  }

  callsTo(method: ApiMethod): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request);
  }

  private readonly vault = {
    appInfo: () => this.info,
    listTokens: () => [...this.metas.values()],
    addToken: (req: VaultRequest<'addToken'>) => {
      const { secret, ...rest } = req;
      return this.seed({ ...rest, secret, expires: req.expires ?? null, created: now() });
    },
    updateToken: (req: VaultRequest<'updateToken'>) => {
      const token = this.get(req.id);
      const next: TokenMeta = {
        ...token,
        ...(req.label !== undefined ? { label: req.label } : {}),
        ...(req.notes !== undefined ? { notes: req.notes } : {}),
        ...(req.expires !== undefined ? { expires: req.expires } : {}),
      };
      this.metas.set(req.id, next);
      return next;
    },
    revealToken: (req: VaultRequest<'revealToken'>) => ({ secret: this.secretOf(req.id) }),
    copyToken: (req: VaultRequest<'copyToken'>) => {
      this.clipboard = this.secretOf(req.id);
      return { clearAfterSeconds: this.info.clipboardClearSeconds };
    },
    removeToken: (req: VaultRequest<'removeToken'>) => {
      this.get(req.id);
      this.metas.delete(req.id);
      this.secrets.delete(req.id);
      return { removed: true as const };
    },
  };

  /** Every contract method; the ones beyond the vault answer INTERNAL until a test needs them. */
  readonly api = Object.fromEntries(
    (Object.keys(apiMethods) as ApiMethod[]).map((method) => [
      method,
      (request: unknown) =>
        this.run(method, request, () => {
          const handler = (this.vault as Record<string, ((r: unknown) => unknown) | undefined>)[
            method
          ];
          if (!handler) throw new FakeError('INTERNAL', `The fake has no ${method}.`);
          return handler(request);
        }),
    ]),
  ) as KeyportApi;

  private async run<T>(
    method: ApiMethod,
    request: unknown,
    answer: () => T,
  ): Promise<IpcResult<T>> {
    this.calls.push({ method, request });
    await this.holds.get(method);
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      return { ok: false, error: failure };
    }
    const parsed = v.safeParse(requestSchemas[apiMethods[method]], request);
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: parsed.issues[0].message } };
    }
    try {
      return { ok: true, value: answer() };
    } catch (err) {
      const { code, message } = err as FakeError;
      return { ok: false, error: { code, message } };
    }
  }

  private get(id: string): TokenMeta {
    const token = this.metas.get(id);
    if (!token) throw new FakeError('NOT_FOUND', 'No token with that id.');
    return token;
  }

  private secretOf(id: string): string {
    const token = this.get(id);
    const secret = this.secrets.get(id);
    if (token.status === 'secret-missing' || secret === undefined) {
      throw new FakeError('SECRET_MISSING', `The keychain no longer holds “${token.label}”.`);
    }
    return secret;
  }
}

class FakeError extends Error {
  constructor(
    readonly code: KeyportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function now(): string {
  return new Date().toISOString();
}
