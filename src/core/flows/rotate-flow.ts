import { KeyportError, toErrorInfo } from '../../shared/errors';
import { DAY_MS } from '../../shared/expiry-days';
import type { RemoteToken } from '../../shared/registry-types';
import type { CreateTokenRequest, ParsedRequestOf } from '../../shared/ipc-contract';
import type { RotateOutcome, RotatePreview, TokenMeta } from '../../shared/types';
import type { ConfigWriteFlow } from './config-write-flow';
import type { Operations } from '../operations';
import type { RegistryFlows } from './registry-flows';
import type { Vault } from '../vault/vault';

/** What the preview writes in place of the token that does not exist yet. */
const NEW_TOKEN_STAND_IN = 'keyport-new-token-after-rotation';

/**
 * Rotation: create a token with the same settings, rewrite every file the old one was written
 * to, check the new one signs in, then revoke the old one. Any failure puts the files back,
 * revokes the half-made new token and leaves the old one alive and in place.
 */
export class RotateFlow {
  constructor(
    private readonly vault: Vault,
    private readonly registries: RegistryFlows,
    private readonly configs: ConfigWriteFlow,
    private readonly operations: Operations,
  ) {}

  /** What will change, before anything does: one combined, masked diff per file. */
  async preview(tokenId: string): Promise<RotatePreview> {
    const token = await this.vault.get(tokenId);
    const account = await this.accountFor(token);
    // Fails here, before anything changes, if the same token cannot be made again.
    await this.requestFor(token, account.id);
    const files = [];
    for (const w of token.writtenTo) {
      if (!w.target) continue;
      // A stand-in value, not the old token: planned with the old one, a file that already holds
      // it would show no change. Every value is masked in the diff either way.
      // The stand-in is a plain value: planned as a reference, it would be refused as none.
      const { reference: _reference, ...target } = w.target;
      const plan = await this.configs.planSecret(
        { format: w.format, file: w.file, ...target },
        NEW_TOKEN_STAND_IN,
      );
      files.push({ file: plan.file, entry: plan.entry, diff: plan.diff });
    }
    return {
      tokenId,
      account: account.label,
      files,
      skipped: token.writtenTo.filter((w) => !w.target).map((w) => w.file),
    };
  }

  /**
   * Every failure, a cancel included, ends in a KeyportError whose `details.rolledBack` says
   * whether the old token and its files are as they were (true) or the undo itself failed (false).
   */
  run(req: ParsedRequestOf<'rotate:run'>): Promise<RotateOutcome> {
    return this.operations.run({ opId: req.opId }, async (signal, report) => {
      try {
        return await this.rotate(req, signal, report);
      } catch (err) {
        throw withRolledBack(err);
      }
    });
  }

  private async rotate(
    req: ParsedRequestOf<'rotate:run'>,
    signal: AbortSignal,
    report: (step: string) => void,
  ): Promise<RotateOutcome> {
    const old = await this.vault.get(req.tokenId);
    const account = await this.accountFor(old);
    const request = await this.requestFor(old, account.id, signal);

    report('create');
    const created = await this.registries.create(
      {
        accountId: account.id,
        label: old.label,
        request,
        ...(req.password ? { password: req.password } : {}),
        ...(req.otp ? { otp: req.otp } : {}),
      },
      signal,
    );
    if (!created.token) {
      // Nothing was rewritten yet; the old token is untouched. The new secret is returned so
      // the user can still copy it, exactly like a plain create.
      throw new KeyportError(
        'KEYCHAIN_ERROR',
        `The new token could not be stored (${created.storeError?.message ?? 'keychain error'}); the old one is unchanged.`,
      );
    }
    const fresh = created.token;
    const undos: string[] = [];
    try {
      report('rewrite');
      for (const w of old.writtenTo) {
        if (!w.target) continue;
        stopIfCancelled(signal);
        const plan = await this.configs.plan({
          tokenId: fresh.id,
          format: w.format,
          file: w.file,
          ...w.target,
        });
        stopIfCancelled(signal);
        const outcome = await this.configs.apply(plan.planId);
        if (outcome.undoId) undos.push(outcome.undoId);
      }
      report('verify');
      const who = await this.registries.whoamiSecret(account.registry, created.secret, signal);
      if (!who) {
        throw new KeyportError(
          'AUTH_FAILED',
          'The registry does not accept the new token; nothing was changed.',
        );
      }
      // The last moment a cancel can put everything back. Once the old token's revoke is sent,
      // it runs to its end: cut off halfway, the registry may have revoked the old token while
      // the rollback revoked the new one, leaving the user with neither.
      stopIfCancelled(signal);
      // Clients that read a keychain copy (Python's keyring) get the new value with the files.
      await this.vault.moveHelperLinks(old.id, fresh.id);
      report('revoke');
      const outcome = await this.registries.revoke({
        accountId: account.id,
        keys: [old.remoteKey!],
        removeLocal: true,
        ...(req.otp ? { otp: req.otp } : {}),
      });
      if (outcome.stillListed.length > 0) {
        throw new KeyportError(
          'REGISTRY_ERROR',
          'The registry still lists the old token; nothing was changed.',
        );
      }
    } catch (err) {
      // Not under the operation's signal: after a cancel, the undo is what must still happen.
      await this.rollBack(undos, account.id, fresh, old.id);
      throw err;
    }
    report('done');
    return {
      token: await this.vault.get(fresh.id),
      revokedKey: old.remoteKey!,
      files: undos.length,
    };
  }

  private async rollBack(
    undos: string[],
    accountId: string,
    fresh: TokenMeta,
    oldId: string,
  ): Promise<void> {
    const problems: string[] = [];
    // Helper items back to the old value before the new token (and its links) goes.
    await this.vault
      .moveHelperLinks(fresh.id, oldId)
      .catch((e: unknown) => problems.push(toErrorInfo(e).message));
    for (const undoId of undos.reverse()) {
      await this.configs.undo(undoId).catch((e: unknown) => problems.push(toErrorInfo(e).message));
    }
    await this.registries
      .revoke({ accountId, keys: [fresh.remoteKey!], removeLocal: true })
      .catch((e: unknown) => problems.push(toErrorInfo(e).message));
    if (problems.length > 0) {
      throw new KeyportError(
        'INTERNAL',
        `Rotation failed and could not be fully undone: ${problems.join(' ')} The old token is still valid.`,
        { rolledBack: false },
      );
    }
  }

  /**
   * The same kind of token again. Legacy: from what Keyport recorded at creation. Granular: from
   * the registry's own listing of the token (name, packages, scopes, organisations, permissions,
   * 2FA bypass, CIDR ranges and lifetime), which Keyport does not copy into its metadata.
   */
  private async requestFor(
    token: TokenMeta,
    accountId: string,
    signal?: AbortSignal,
  ): Promise<CreateTokenRequest> {
    if (!token.permissions.includes('granular')) return legacyRequest(token);
    const rows = await this.registries.listRemote({ accountId }, signal);
    const remote = rows.find((r) => r.remote?.key === token.remoteKey)?.remote;
    if (!remote) {
      throw new KeyportError(
        'NOT_FOUND',
        `The registry no longer lists "${token.label}"; it may have been revoked elsewhere.`,
      );
    }
    return granularRequest(remote, new Date());
  }

  private async accountFor(token: TokenMeta) {
    if (!token.remoteKey) {
      throw new KeyportError(
        'INVALID_INPUT',
        `"${token.label}" was not created through a registry's token API, so Keyport cannot rotate it.`,
      );
    }
    const account = await this.registries.accountAt(token.registry);
    if (!account) {
      throw new KeyportError(
        'NOT_FOUND',
        `Sign in to ${token.registry} first to rotate "${token.label}".`,
      );
    }
    return account;
  }
}

/** Between file steps, where no registry call would notice the cancel. */
function stopIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new KeyportError('CANCELLED', 'Cancelled; the rotation was undone.');
  }
}

/**
 * Marks a rotation's failure for the dialog: rolled back unless the rollback itself said it was
 * not (an error that already carries `rolledBack`).
 */
function withRolledBack(err: unknown): KeyportError {
  if (err instanceof KeyportError && err.details && 'rolledBack' in err.details) return err;
  const info = toErrorInfo(err);
  return new KeyportError(info.code, info.message, { ...info.details, rolledBack: true });
}

function legacyRequest(token: TokenMeta): CreateTokenRequest {
  return {
    kind: 'legacy',
    readonly: token.permissions.includes('read-only'),
    ...(token.permissions.includes('automation') ? { automation: true } : {}),
    cidr: token.cidr ?? [],
  };
}

const ROTATED = / \(rotated \d{4}-\d{2}-\d{2}\)$/;

/** A granular token like `remote`, named "<name> (rotated <date>)" so the two never clash. */
export function granularRequest(remote: RemoteToken, now: Date): CreateTokenRequest {
  if (!remote.name) {
    throw new KeyportError(
      'INVALID_INPUT',
      'The registry does not list this token’s settings, so Keyport cannot make the same token again. Rotate it on the registry’s own page.',
    );
  }
  const suffix = ` (rotated ${now.toISOString().slice(0, 10)})`;
  const name = remote.name.replace(ROTATED, '').slice(0, 128 - suffix.length) + suffix;
  const lifetime = remote.expires
    ? Math.round((Date.parse(remote.expires) - Date.parse(remote.created)) / DAY_MS)
    : undefined;
  return {
    kind: 'granular',
    name,
    ...(remote.description ? { description: remote.description } : {}),
    ...(lifetime !== undefined && Number.isFinite(lifetime)
      ? { expiresDays: Math.min(365, Math.max(1, lifetime)) }
      : {}),
    ...(remote.packagesAll
      ? { packagesAll: true }
      : remote.packages
        ? { packages: remote.packages }
        : {}),
    ...(remote.scopes ? { scopes: remote.scopes } : {}),
    ...(remote.orgs ? { orgs: remote.orgs } : {}),
    ...(remote.packagesAndScopesPermission
      ? { packagesAndScopesPermission: remote.packagesAndScopesPermission }
      : {}),
    ...(remote.orgsPermission ? { orgsPermission: remote.orgsPermission } : {}),
    ...(remote.bypass2fa ? { bypass2fa: true } : {}),
    cidr: remote.cidr,
  };
}
