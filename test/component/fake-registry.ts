/**
 * The registry side of the fake: accounts (vault tokens with `signIn`), each with its own list of
 * remote tokens, merged with the vault the way core/flows/registry-flows.ts does. Sign-in and create
 * follow npm's rules closely enough for the UI: a wrong password is AUTH_FAILED, a missing
 * one-time password is OTP_REQUIRED and the same request is expected again with `otp`.
 */
import { mergeRemote } from '../../src/core/remote-rows';
import { maskSecret } from '../../src/shared/mask';
import type { CreatedToken, RemoteToken } from '../../src/shared/registry-types';
import type { Account, RemoteRow, RevokeOutcome, TokenMeta } from '../../src/shared/types';
import { FakeError, now } from './fake-error';
import type { FakeKeyport, VaultRequest } from './fake-keyport';

export interface SeedAccount {
  id?: string;
  username: string;
  registry?: string;
}

export type SeedRemote = Partial<RemoteToken> & { key: string };

function toAccount(t: TokenMeta): Account {
  return {
    id: t.id,
    registry: t.registry,
    username: t.signIn?.username ?? '',
    label: t.label,
    created: t.created,
    expires: t.expires,
  };
}

export class FakeRegistry {
  /** The account password the registry accepts (sign-in and create). */
  password = 'correct-horse';
  /** When set, sign-in and create need this one-time password. */
  otp: string | null = null;
  /** The user a pasted account token belongs to. */
  tokenOwner = 'pasted-user';
  /** False: whoami answers null, as for a session the registry has dropped. */
  sessionValid = true;
  /** Create: the keychain refuses the new token (the secret must then be shown anyway). */
  storeFails = false;
  /** Keys the registry answers a revoke for but keeps listing. */
  readonly stickyKeys = new Set<string>();
  /** Remote tokens by account id. */
  readonly remote = new Map<string, RemoteToken[]>();
  private seq = 1;

  constructor(private readonly keyport: FakeKeyport) {}

  seedAccount({ id, username, registry = 'https://registry.npmjs.org/' }: SeedAccount): Account {
    const token = this.keyport.seed({
      ...(id ? { id } : {}),
      label: `${username} @ ${new URL(registry).host}`,
      registry,
      user: username,
      signIn: { username },
      permissions: ['session'],
      origin: 'created',
      secret: `npm_session_${username}`.padEnd(36, 's'),
    });
    return toAccount(token);
  }

  seedRemote(accountId: string, token: SeedRemote): RemoteToken {
    const full: RemoteToken = {
      masked: `npm_••••${token.key.slice(-4)}`,
      readonly: false,
      cidr: [],
      created: '2026-02-01T10:00:00.000Z',
      ...token,
    };
    this.remote.set(accountId, [...(this.remote.get(accountId) ?? []), full]);
    return full;
  }

  readonly handlers = {
    listAccounts: () => [...this.keyport.metas.values()].filter((t) => t.signIn).map(toAccount),
    signIn: (req: VaultRequest<'signIn'>) => {
      this.checkPassword(req.password, req.otp);
      return this.addAccount(req.username, req.registry);
    },
    addAccountToken: (req: VaultRequest<'addAccountToken'>) =>
      this.addAccount(this.tokenOwner, req.registry),
    whoami: (req: VaultRequest<'whoami'>) => ({
      username: this.sessionValid ? toAccount(this.account(req.id)).username : null,
    }),
    listRemoteTokens: (req: VaultRequest<'listRemoteTokens'>) => this.list(req.accountId),
    createRemoteToken: (req: VaultRequest<'createRemoteToken'>) => this.create(req),
    revokeRemoteTokens: (req: VaultRequest<'revokeRemoteTokens'>) => this.revoke(req),
  };

  /** Also asked by the fake rotation, which creates a token the same way. */
  checkPassword(password: string | undefined, otp: string | undefined): void {
    if (password === undefined) {
      throw new FakeError('AUTH_FAILED', 'The registry needs your password for this.');
    }
    if (password !== this.password) {
      throw new FakeError('AUTH_FAILED', 'The registry refused the user name or password.');
    }
    if (this.otp !== null && otp === undefined) {
      throw new FakeError('OTP_REQUIRED', 'The registry asks for a one-time password.');
    }
    if (this.otp !== null && otp !== this.otp) {
      throw new FakeError('AUTH_FAILED', 'The one-time password was not accepted.');
    }
  }

  private addAccount(username: string, registry: string): Account {
    const same = [...this.keyport.metas.values()].filter(
      (t) => t.signIn?.username === username && t.registry === registry,
    );
    const account = this.seedAccount({ username, registry });
    for (const old of same) this.keyport.metas.delete(old.id);
    return account;
  }

  private account(id: string): TokenMeta {
    const token = this.keyport.get(id);
    if (!token.signIn) throw new FakeError('INVALID_INPUT', `"${token.label}" is not an account.`);
    return token;
  }

  private list(accountId: string): RemoteRow[] {
    const account = this.account(accountId);
    const local = [...this.keyport.metas.values()].filter(
      (t) => !t.signIn && t.registry === account.registry,
    );
    // The core's own merge: the fake stands in for the registry and IPC, not for this rule.
    return mergeRemote(this.remote.get(accountId) ?? [], local);
  }

  /** Like registries without granular tokens: a granular request makes a plain publish token. */
  ignoresGranular = false;

  private create(req: VaultRequest<'createRemoteToken'>) {
    const account = this.account(req.accountId);
    this.checkPassword(req.password, req.otp);
    const n = this.seq++;
    const secret = `npm_Created${String(n).padStart(4, '0')}SecretValueXYZ${n}`;
    const { request } = req;
    const facts: Omit<CreatedToken, 'token'> = {
      key: `created-key-${n}`,
      masked: maskSecret(secret),
      readonly: request.kind === 'legacy' ? request.readonly : false,
      ...(request.kind === 'legacy' && request.automation ? { automation: true } : {}),
      cidr: [...request.cidr],
      created: now(),
      ...(request.kind === 'granular' && !this.ignoresGranular ? { name: request.name } : {}),
    };
    this.remote.set(req.accountId, [...(this.remote.get(req.accountId) ?? []), facts]);
    if (this.storeFails) {
      return {
        token: null,
        created: facts,
        secret,
        storeError: { code: 'KEYCHAIN_LOCKED' as const, message: 'The keychain is locked.' },
      };
    }
    const token = this.keyport.seed({
      label: req.label,
      registry: account.registry,
      secret,
      origin: 'created',
      user: account.signIn?.username ?? '',
      remoteKey: facts.key,
      created: facts.created,
      ...(facts.cidr.length > 0 ? { cidr: facts.cidr } : {}),
    });
    return { token, created: facts, secret };
  }

  private revoke(req: VaultRequest<'revokeRemoteTokens'>): RevokeOutcome {
    const account = this.account(req.accountId);
    const keys = new Set(req.keys.filter((k) => !this.stickyKeys.has(k)));
    const left = (this.remote.get(req.accountId) ?? []).filter((r) => !keys.has(r.key));
    this.remote.set(req.accountId, left);
    const listed = new Set(left.map((r) => r.key));
    const revoked = req.keys.filter((k) => !listed.has(k));
    const stillListed = req.keys.filter((k) => listed.has(k));
    const removedLocal: string[] = [];
    if (req.removeLocal) {
      for (const t of [...this.keyport.metas.values()]) {
        if (t.remoteKey && revoked.includes(t.remoteKey) && t.registry === account.registry) {
          this.keyport.metas.delete(t.id);
          this.keyport.secrets.delete(t.id);
          removedLocal.push(t.id);
        }
      }
    }
    return { revoked, stillListed, removedLocal };
  }
}
