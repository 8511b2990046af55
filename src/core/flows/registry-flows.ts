import { DAY_MS } from '../../shared/expiry-days';
import { KeyportError, toErrorInfo } from '../../shared/errors';
import type { CreateTokenRequest, ParsedRequestOf, ResponseOf } from '../../shared/ipc-contract';
import type { CreatedToken } from '../../shared/registry-types';
import { tokenKindOf } from '../../shared/token-kinds';
import type {
  Account,
  RemoteRow,
  RemovalOutcome,
  RevokeOutcome,
  TokenMeta,
} from '../../shared/types';
import type { ConfigWriteFlow } from './config-write-flow';
import type { Operations } from '../operations';
import type { RegistryTokenClient } from '../registries/registry-client';
import { registryBase, sameRegistry } from '../registries/registry-url';
import { mergeRemote } from '../registries/remote-rows';
import type { Vault } from '../vault/vault';

export type ClientFactory = (registry: string) => RegistryTokenClient;

/**
 * Accounts and remote tokens: sign in, list (merged with the vault), create, revoke. Passwords
 * and one-time codes pass through a single call and are never kept; a created token is stored in
 * the keychain before anything else happens.
 */
export class RegistryFlows {
  constructor(
    private readonly vault: Vault,
    private readonly clientFor: ClientFactory,
    private readonly operations: Operations,
    /** Absent where config files are out of scope (some tests). */
    private readonly configs?: Pick<ConfigWriteFlow, 'removeWritten'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async accounts(): Promise<Account[]> {
    return (await this.vault.list()).filter((t) => t.signIn).map(toAccount);
  }

  /** The account signed in at a registry; `wanted` (an account id or user name) picks among several. */
  async accountAt(registry: string, wanted?: string): Promise<Account | undefined> {
    return (await this.accounts()).find(
      (a) =>
        sameRegistry(a.registry, registry) && (!wanted || a.id === wanted || a.username === wanted),
    );
  }

  signIn(req: ParsedRequestOf<'accounts:sign-in'>): Promise<Account> {
    return this.operations.run({ opId: req.opId }, async (signal) => {
      const client = this.clientFor(req.registry);
      const secret = await client.login(req.username, req.password, {
        signal,
        ...(req.otp ? { otp: req.otp } : {}),
      });
      return this.storeAccount(client.registry, req.username, secret, 'created');
    });
  }

  addAccountToken(req: ParsedRequestOf<'accounts:add-token'>): Promise<Account> {
    return this.operations.run({ opId: req.opId }, async (signal) => {
      const client = this.clientFor(req.registry);
      const username = await client.whoami(req.secret, { signal });
      if (!username) {
        throw new KeyportError(
          'AUTH_FAILED',
          `${host(client.registry)} does not accept this token.`,
        );
      }
      return this.storeAccount(client.registry, username, req.secret, 'pasted');
    });
  }

  whoami(req: ParsedRequestOf<'accounts:whoami'>): Promise<{ username: string | null }> {
    return this.operations.run({ opId: req.opId }, async (signal) => {
      const { client, secret } = await this.open(req.id);
      return { username: await client.whoami(secret, { signal }) };
    });
  }

  /** Who a secret that is not (yet) an account signs in as; null when the registry refuses it. */
  whoamiSecret(registry: string, secret: string, signal?: AbortSignal): Promise<string | null> {
    return this.clientFor(registry).whoami(secret, signal ? { signal } : {});
  }

  /** `parent`, here and below: the signal of an operation this call is one step of (rotation). */
  listRemote(req: ParsedRequestOf<'remote:list'>, parent?: AbortSignal): Promise<RemoteRow[]> {
    return this.operations.run({ opId: req.opId, parent }, async (signal) => {
      const { account, client, secret } = await this.open(req.accountId);
      // The vault's side is read while the registry answers.
      const [remote, all] = await Promise.all([
        client.listTokens(secret, { signal }),
        this.vault.list(),
      ]);
      // Only this account's tokens: another account's on the same registry is not in this
      // list, and would otherwise show as "revoked elsewhere" (and be offered for removal).
      return mergeRemote(
        remote,
        all.filter(
          (t) =>
            !t.signIn &&
            sameRegistry(t.registry, client.registry) &&
            (t.user === undefined || t.user === account.username),
        ),
      );
    });
  }

  create(
    req: ParsedRequestOf<'remote:create'>,
    parent?: AbortSignal,
  ): Promise<ResponseOf<'remote:create'>> {
    return this.operations.run({ opId: req.opId, parent }, async (signal) => {
      const { account, client, secret } = await this.open(req.accountId);
      const created = await client.createToken(secret, req.request, {
        signal,
        ...(req.password ? { password: req.password } : {}),
        ...(req.otp ? { otp: req.otp } : {}),
      });
      const { token: value, ...facts } = created;
      // The registry shows this secret once: into the keychain first, before anything can fail.
      let token: TokenMeta | null = null;
      let storeError;
      try {
        token = await this.vault.add({
          label: req.label,
          registry: account.registry,
          ecosystem: 'npm',
          secret: value,
          origin: 'created',
          user: account.username,
          remoteKey: created.key,
          permissions: describePermissions(req.request, created),
          expires: expiryOf(req.request, created, this.now()),
          ...(created.cidr.length > 0 ? { cidr: created.cidr } : {}),
        });
      } catch (err) {
        // Not stored: the user must see the value now or it is lost; say so plainly.
        storeError = toErrorInfo(err);
      }
      return { token, created: facts, secret: value, ...(storeError ? { storeError } : {}) };
    });
  }

  revoke(req: ParsedRequestOf<'remote:revoke'>, parent?: AbortSignal): Promise<RevokeOutcome> {
    return this.operations.run({ opId: req.opId, parent }, async (signal) => {
      const { client, secret } = await this.open(req.accountId);
      for (const key of req.keys) {
        await client.revokeToken(secret, key, { signal, ...(req.otp ? { otp: req.otp } : {}) });
      }
      // Some registries answer 200 for any key: only a fresh listing says what is gone.
      const listed = new Set((await client.listTokens(secret, { signal })).map((t) => t.key));
      const revoked = req.keys.filter((k) => !listed.has(k));
      const stillListed = req.keys.filter((k) => listed.has(k));
      const removedLocal: string[] = [];
      const configs: RemovalOutcome = { cleaned: [], left: [] };
      for (const t of await this.vault.list()) {
        if (
          !t.remoteKey ||
          !revoked.includes(t.remoteKey) ||
          !sameRegistry(t.registry, client.registry)
        ) {
          continue;
        }
        // Files first: removing an entry needs the value to check it is still this token's.
        if (req.removeFromConfigs && this.configs) {
          const done = await this.configs.removeWritten(t.id);
          configs.cleaned.push(...done.cleaned);
          configs.left.push(...done.left);
        }
        if (req.removeLocal) {
          await this.vault.remove(t.id);
          removedLocal.push(t.id);
        }
      }
      return { revoked, stillListed, removedLocal, ...(req.removeFromConfigs ? { configs } : {}) };
    });
  }

  private async open(accountId: string) {
    const account = await this.vault.get(accountId);
    if (!account.signIn) {
      throw new KeyportError('INVALID_INPUT', `"${account.label}" is not a registry account.`);
    }
    return {
      account: toAccount(account),
      client: this.clientFor(account.registry),
      secret: await this.vault.reveal(accountId),
    };
  }

  private async storeAccount(
    registry: string,
    username: string,
    secret: string,
    origin: 'created' | 'pasted',
  ): Promise<Account> {
    const previous = (await this.vault.list()).filter(
      (t) => t.signIn?.username === username && sameRegistry(t.registry, registry),
    );
    const token = await this.vault.add({
      label: `${username} @ ${host(registry)}`,
      registry,
      ecosystem: 'npm',
      secret,
      origin,
      user: username,
      signIn: { username },
      permissions: ['session'],
    });
    // Signing in again replaces the old session token, after the new one is safely stored.
    for (const old of previous) await this.vault.remove(old.id);
    return toAccount(token);
  }
}

function toAccount(t: TokenMeta): Account {
  return {
    id: t.id,
    registry: t.registry,
    username: t.signIn?.username ?? t.user ?? '',
    label: t.label,
    created: t.created,
    expires: t.expires,
  };
}

function host(registry: string): string {
  return registryBase(registry).host;
}

// The kind and what it may do; the allowed addresses have their own field (token.cidr), shown
// once as "Allowed from", not again beside the kind.
function describePermissions(request: CreateTokenRequest, created: CreatedToken): string[] {
  if (request.kind === 'legacy') {
    const automation = created.automation === true || request.automation === true;
    return [tokenKindOf({ readonly: created.readonly, automation })];
  }
  const scope = request.packagesAll
    ? 'all packages'
    : [...(request.packages ?? []), ...(request.scopes ?? [])].join(' ');
  return [
    'granular',
    ...(request.packagesAndScopesPermission
      ? [`packages: ${request.packagesAndScopesPermission}${scope ? ` (${scope})` : ''}`]
      : []),
    ...(request.orgsPermission ? [`orgs: ${request.orgsPermission}`] : []),
    ...(request.bypass2fa ? ['bypass 2FA'] : []),
  ];
}

function expiryOf(request: CreateTokenRequest, created: CreatedToken, now: Date): string | null {
  if (created.expires) return created.expires;
  if (request.kind === 'granular' && request.expiresDays) {
    return new Date(now.getTime() + request.expiresDays * DAY_MS).toISOString();
  }
  return null;
}
