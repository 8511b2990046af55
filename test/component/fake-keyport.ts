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
import { FakeConfigFiles } from './fake-config-files';
import { FakeError, now } from './fake-error';
import { FakeRegistry } from './fake-registry';
import { FakeRotation } from './fake-rotation';
import { FakeScan } from './fake-scan';
import { FakeSweep } from './fake-sweep';

export interface SeedToken extends Partial<TokenMeta> {
  label: string;
  secret: string;
}

export type VaultRequest<M extends ApiMethod> = RequestOf<(typeof apiMethods)[M]>;

interface Failure {
  code: KeyportErrorCode;
  message: string;
  details?: Record<string, string | number | boolean>;
}

export class FakeKeyport {
  readonly secrets = new Map<string, string>();
  readonly metas = new Map<string, TokenMeta>();
  /** Deleted tokens an Undo can bring back (the core keeps them for 30 s). */
  readonly removed = new Map<string, { meta: TokenMeta; secret: string }>();
  readonly calls: { method: ApiMethod; request: unknown }[] = [];
  /** The value main would have put on the clipboard. */
  clipboard: string | null = null;
  /** Config files on a pretend disk, and the write flow over them. */
  readonly configs: FakeConfigFiles = new FakeConfigFiles(this);
  /** One npm-like registry per account: remote tokens, sign-in, OTP, revoke. */
  readonly registry: FakeRegistry = new FakeRegistry(this);
  /** Scan and import over the config files above. */
  readonly scans: FakeScan = new FakeScan(this);
  /** Folder sweeps: what they find is set by the test; sweep:import as the core answers it. */
  readonly sweeps: FakeSweep = new FakeSweep(this);
  /** Rotation: preview, run (steps reported through op:status), rollback on failure. */
  readonly rotation: FakeRotation = new FakeRotation(this);
  private readonly failures = new Map<ApiMethod, Failure>();
  private readonly holds = new Map<ApiMethod, Promise<void>>();
  /** Calls in flight by opId; cancelOperation settles them with CANCELLED, as main does. */
  private readonly inFlight = new Map<string, () => void>();
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
  failNext(
    method: ApiMethod,
    code: KeyportErrorCode,
    message: string,
    details?: Record<string, string | number | boolean>,
  ): void {
    this.failures.set(method, details ? { code, message, details } : { code, message });
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
      const meta = this.get(req.id);
      const secret = this.secretOf(req.id);
      this.metas.delete(req.id);
      this.secrets.delete(req.id);
      const undoId = `undo-${req.id}`;
      this.removed.set(undoId, { meta, secret });
      return { removed: true as const, undoId, undoSeconds: 30 };
    },
    restoreToken: (req: VaultRequest<'restoreToken'>) => {
      const kept = this.removed.get(req.undoId);
      if (!kept) throw new FakeError('NOTHING_TO_UNDO', 'Too late to undo.');
      this.removed.delete(req.undoId);
      this.metas.set(kept.meta.id, kept.meta);
      this.secrets.set(kept.meta.id, kept.secret);
      return kept.meta;
    },
  };

  /**
   * Main's native pickers, played by the test (no Electron here): the next answers, in order;
   * with nothing scripted the user cancels.
   */
  readonly picks: { files: (string | null)[]; folders: (string | null)[] } = {
    files: [],
    folders: [],
  };

  private readonly operations = {
    pickConfigFile: () => {
      const file = this.picks.files.shift() ?? null;
      return file === null ? null : { file };
    },
    pickFolder: () => {
      const dir = this.picks.folders.shift() ?? null;
      return dir === null ? null : { dir };
    },
    cancelOperation: (req: VaultRequest<'cancelOperation'>) => {
      const cancel = this.inFlight.get(req.opId);
      cancel?.();
      return { cancelled: cancel !== undefined };
    },
  };

  /** Every contract method, each answered by the part of the fake that plays it. */
  readonly api = Object.fromEntries(
    (Object.keys(apiMethods) as ApiMethod[]).map((method) => [
      method,
      (request: unknown) =>
        this.run(method, request, () => {
          const handlers = {
            ...this.vault,
            ...this.operations,
            ...this.configs.handlers,
            ...this.registry.handlers,
            ...this.scans.handlers,
            ...this.sweeps.handlers,
            ...this.rotation.handlers,
          } as Record<string, ((r: unknown) => unknown) | undefined>;
          const handler = handlers[method];
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
    const opId = (request as { opId?: unknown } | null)?.opId;
    // op:cancel and op:status name someone else's operation; they are not one themselves.
    if (typeof opId === 'string' && method !== 'cancelOperation' && method !== 'operationStatus') {
      const cancelled = new Promise<'cancelled'>((resolve) =>
        this.inFlight.set(opId, () => resolve('cancelled')),
      );
      const outcome = await Promise.race([this.holds.get(method), cancelled]);
      this.inFlight.delete(opId);
      if (outcome === 'cancelled') {
        return { ok: false, error: { code: 'CANCELLED', message: 'The request was cancelled.' } };
      }
    } else {
      await this.holds.get(method);
    }
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

  /** Whether a call carrying this opId is still in flight (what op:status answers). */
  isRunning(opId: string): boolean {
    return this.inFlight.has(opId);
  }

  get(id: string): TokenMeta {
    const token = this.metas.get(id);
    if (!token) throw new FakeError('NOT_FOUND', 'No token with that id.');
    return token;
  }

  secretOf(id: string): string {
    const token = this.get(id);
    const secret = this.secrets.get(id);
    if (token.status === 'secret-missing' || secret === undefined) {
      throw new FakeError('SECRET_MISSING', `The keychain no longer holds “${token.label}”.`);
    }
    return secret;
  }
}
