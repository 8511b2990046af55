import type { RequestOf, ResponseOf } from '../../../shared/ipc-contract';
import type { Account, RemoteRow, RevokeOutcome } from '../../../shared/types';
import { errorInfoOf, failureText } from '../api';
import { plural } from '../format';
import { oneMask } from '../mask';
import { newOpId } from '../op-id';
import type { ListStatus, RegistryCheck } from './keyport-store';
import type { SliceContext } from './slice-context';

/** One account's remote tokens as last listed, and the listing in flight, if any. */
export interface RemoteListing {
  accountId: string;
  /** 'loading' only until the first answer; a refresh keeps showing the rows it replaces. */
  status: ListStatus;
  rows: RemoteRow[];
  /** Why the last listing failed, shown next to whatever rows are still known. */
  failure: string | null;
  /** The call in flight, for its Cancel button; null when idle. */
  opId: string | null;
}

/** The answer of "Check sign-in" for one account. */
export type SignInCheck =
  | { status: 'checking'; opId: string }
  | { status: 'done'; username: string | null }
  | { status: 'failed'; message: string };

/** Requests the dialogs send; they bring their own opId so their Cancel can stop the call. */
type WithOp<
  C extends 'accounts:sign-in' | 'accounts:add-token' | 'remote:create' | 'remote:revoke',
> = RequestOf<C> & { opId: string };

export interface RegistriesSlice {
  accounts: Account[];
  accountsStatus: ListStatus;
  selectedAccountId: string | null;
  /** Narrow windows: the account's details are pushed over the account list. */
  accountDetailOpen: boolean;
  closeAccountDetail(): void;
  remote: RemoteListing | null;
  signInChecks: Record<string, SignInCheck>;

  loadAccounts(): Promise<void>;
  /**
   * Only the accounts (from the vault, no registry call), so Tokens knows which registries it can
   * check and revoke on. Failures are silent here: the Registries view reports them.
   */
  listAccountsQuietly(): Promise<void>;
  selectAccount(id: string, options?: { open?: boolean }): void;
  loadRemote(accountId: string): Promise<void>;
  checkSignIn(accountId: string): Promise<void>;
  /** Asks main to stop a call; the call itself then rejects with CANCELLED. */
  cancelOperation(opId: string): Promise<void>;
  /** Rejects with an ApiError (OTP_REQUIRED, AUTH_FAILED…). The password is never kept. */
  signIn(request: WithOp<'accounts:sign-in'>): Promise<Account>;
  /** Rejects with an ApiError. The pasted token goes to main and is not kept here. */
  addAccountToken(request: WithOp<'accounts:add-token'>): Promise<Account>;
  /**
   * Rejects with an ApiError. The answer holds the new secret: it is handed to the dialog that
   * shows it once and never set into the store.
   */
  createRemoteToken(request: WithOp<'remote:create'>): Promise<ResponseOf<'remote:create'>>;
  /** Rejects with an ApiError; on success notifies and lists again to show what is gone. */
  revokeRemoteTokens(request: WithOp<'remote:revoke'>): Promise<RevokeOutcome>;
  /** Drops vault tokens that were removed (revoke with removeLocal, Delete) from the listing. */
  forgetLocal(ids: readonly string[]): void;
  /** The signed-in account a vault token's registry belongs to, if any. */
  accountFor(registry: string): Account | undefined;
  /**
   * Lists the token's registry (through the account signed in to it) to learn whether the token
   * still works there; the answer lands in registryChecks. Failures go to the banner.
   */
  checkRegistry(tokenId: string): Promise<void>;
}

/** Registry URLs compare without case, trailing slashes or a default port. */
export function sameRegistry(a: string, b: string): boolean {
  const norm = (url: string) => url.trim().toLowerCase().replace(/\/+$/, '').replace(/:443$/, '');
  return norm(a) === norm(b);
}

export function createRegistriesSlice({
  api,
  clock,
  set,
  get,
  withPending,
}: SliceContext): RegistriesSlice {
  const accountAdded = (account: Account) => {
    // Signing in again replaces that user's previous session on the registry (the core does).
    set((s) => ({
      accounts: [
        ...s.accounts.filter(
          (a) =>
            a.id !== account.id &&
            !(a.username === account.username && a.registry === account.registry),
        ),
        account,
      ],
      accountsStatus: 'ready',
    }));
    get().selectAccount(account.id);
    get().notify(`Added “${account.label}”`);
    // The session token is a vault token too: the Tokens view lists it.
    void get().refresh();
    return account;
  };

  /** What a listing says about the vault tokens in it: still listed, or revoked elsewhere. */
  const recordChecks = (rows: readonly RemoteRow[]) => {
    const at = clock.now();
    const checks: Record<string, RegistryCheck> = {};
    for (const row of rows) {
      if (!row.local) continue;
      checks[row.local.id] = {
        state: row.state === 'revoked-elsewhere' ? 'revoked-elsewhere' : 'active',
        at,
      };
    }
    set((s) => ({ registryChecks: { ...s.registryChecks, ...checks } }));
  };

  return {
    accounts: [],
    accountsStatus: 'loading',
    selectedAccountId: null,
    accountDetailOpen: false,
    closeAccountDetail: () => set({ accountDetailOpen: false }),
    remote: null,
    signInChecks: {},

    async listAccountsQuietly() {
      try {
        const accounts = await api.listAccounts({});
        if (get().accountsStatus !== 'ready') set({ accounts, accountsStatus: 'ready' });
      } catch {
        // The Registries view lists them again and shows why it failed.
      }
    },

    async loadAccounts() {
      if (get().accountsStatus !== 'ready') set({ accountsStatus: 'loading' });
      try {
        const accounts = await withPending('accounts', () => api.listAccounts({}));
        set({ accounts, accountsStatus: 'ready' });
        const selected = get().selectedAccountId;
        if (selected !== null && accounts.some((a) => a.id === selected)) {
          // Back in the view: what the registry lists may have changed meanwhile (CLI, website).
          void get().loadRemote(selected);
          return;
        }
        const first = accounts[0];
        if (first) get().selectAccount(first.id);
        else set({ selectedAccountId: null, remote: null });
      } catch (err) {
        if (get().accountsStatus !== 'ready') set({ accountsStatus: 'failed' });
        get().showError(err);
      }
    },

    selectAccount(id, { open = false } = {}) {
      if (open) set({ accountDetailOpen: true });
      const current = get().remote;
      if (get().selectedAccountId === id && current?.accountId === id) return;
      set({ selectedAccountId: id });
      void get().loadRemote(id);
    },

    async loadRemote(accountId) {
      const opId = newOpId();
      set((s) => {
        const same = s.remote?.accountId === accountId ? s.remote : null;
        return {
          remote: {
            accountId,
            status: same?.status === 'ready' ? 'ready' : 'loading',
            rows: same?.rows ?? [],
            failure: null,
            opId,
          },
        };
      });
      // A later listing (another account, a refresh) owns the state; this answer is stale.
      const current = () => get().remote?.opId === opId;
      try {
        const rows = await withPending(`remote:${accountId}`, () =>
          api.listRemoteTokens({ accountId, opId }),
        );
        recordChecks(rows);
        if (current())
          set({ remote: { accountId, status: 'ready', rows, failure: null, opId: null } });
      } catch (err) {
        if (!current()) return;
        const failure =
          errorInfoOf(err).code === 'CANCELLED' ? 'Listing was cancelled.' : failureText(err);
        set((s) => ({
          remote: s.remote && {
            ...s.remote,
            status: s.remote.status === 'ready' ? 'ready' : 'failed',
            failure,
            opId: null,
          },
        }));
      }
    },

    async checkSignIn(accountId) {
      const opId = newOpId();
      const put = (check: SignInCheck) =>
        set((s) => ({ signInChecks: { ...s.signInChecks, [accountId]: check } }));
      put({ status: 'checking', opId });
      try {
        const { username } = await withPending(`whoami:${accountId}`, () =>
          api.whoami({ id: accountId, opId }),
        );
        put({ status: 'done', username });
      } catch (err) {
        put({
          status: 'failed',
          message:
            errorInfoOf(err).code === 'CANCELLED' ? 'The check was cancelled.' : failureText(err),
        });
      }
    },

    async cancelOperation(opId) {
      try {
        await api.cancelOperation({ opId });
      } catch (err) {
        get().showError(err);
      }
    },

    async signIn(request) {
      return accountAdded(await withPending('sign-in', () => api.signIn(request)));
    },

    async addAccountToken(request) {
      return accountAdded(await withPending('sign-in', () => api.addAccountToken(request)));
    },

    async createRemoteToken(request) {
      const result = await withPending(`create:${request.accountId}`, () =>
        api.createRemoteToken(request),
      );
      const { token } = result;
      if (token) set((s) => ({ tokens: [...s.tokens.filter((t) => t.id !== token.id), token] }));
      if (get().remote?.accountId === request.accountId) void get().loadRemote(request.accountId);
      return result;
    },

    async revokeRemoteTokens(request) {
      const rows = get().remote?.rows ?? [];
      const outcome = await withPending(`revoke:${request.accountId}`, () =>
        api.revokeRemoteTokens(request),
      );
      get().forgetLocal(outcome.removedLocal);
      const cleaned = outcome.configs?.cleaned.length ?? 0;
      // One notice says it all (one toast at a time): what was done, then what was not.
      const parts = [
        `Revoked ${plural(outcome.revoked.length, 'token', 'tokens')}` +
          (cleaned > 0 ? ` and removed ${plural(cleaned, 'config entry', 'config entries')}` : '') +
          '.',
      ];
      for (const left of outcome.configs?.left ?? []) {
        parts.push(`Left ${left.file} as it is: ${left.reason}`);
      }
      if (outcome.stillListed.length > 0) {
        const masked = outcome.stillListed.map((key) =>
          oneMask(rows.find((r) => r.remote?.key === key)?.remote?.masked ?? key),
        );
        parts.push(
          `The registry still lists ${plural(masked.length, 'token', 'tokens')} it was asked to revoke: ${masked.join(', ')}`,
        );
      }
      get().notify(parts.join(' '), parts.length > 1 ? { tone: 'warning', seconds: 12 } : {});
      // Some registries accept a revoke and keep the token: only a new listing shows the truth.
      if (get().remote?.accountId === request.accountId) void get().loadRemote(request.accountId);
      return outcome;
    },

    accountFor(registry) {
      return get().accounts.find((a) => sameRegistry(a.registry, registry));
    },

    async checkRegistry(tokenId) {
      const token = get().tokens.find((t) => t.id === tokenId);
      if (!token) return;
      if (get().accountsStatus !== 'ready') await get().listAccountsQuietly();
      const account = get().accountFor(token.registry);
      if (!account) return;
      try {
        const rows = await withPending(`check:${tokenId}`, () =>
          api.listRemoteTokens({ accountId: account.id, opId: newOpId() }),
        );
        recordChecks(rows);
      } catch (err) {
        get().showError(err);
      }
    },

    forgetLocal(ids) {
      if (ids.length === 0) return;
      const gone = new Set(ids);
      const revealed = get().revealed;
      if (revealed && gone.has(revealed.id)) get().hide();
      set((s) => ({
        tokens: s.tokens.filter((t) => !gone.has(t.id)),
        remote: s.remote && {
          ...s.remote,
          rows: s.remote.rows.flatMap((row): RemoteRow[] => {
            if (!row.local || !gone.has(row.local.id)) return [row];
            if (!row.remote) return [];
            return [{ state: 'registry-only', remote: row.remote }];
          }),
        },
      }));
    },
  };
}
