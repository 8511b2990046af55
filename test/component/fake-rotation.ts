/**
 * The rotation side of the fake, after core/flows/rotate-flow.ts: preview lists the files a token was
 * written to (with a target) and those it cannot rewrite; run creates a new token on the
 * account's registry (password and OTP as the fake registry checks them), rewrites the files,
 * "verifies", revokes the old one. Any failure changes nothing, as the core's rollback promises.
 * The step op:status reports is set by the test, since a held call cannot move on by itself.
 */
import type { RotateOutcome, RotatePreview, TokenMeta } from '../../src/shared/types';
import { FakeError, now } from './fake-error';
import type { FakeKeyport, VaultRequest } from './fake-keyport';

export class FakeRotation {
  /** What op:status reports as the step of the operation in flight (a rotation, a sweep). */
  step: string | null = null;
  /** True: the registry refuses the new token at the check step (AUTH_FAILED). */
  verifyFails = false;
  private seq = 1;

  constructor(private readonly keyport: FakeKeyport) {}

  readonly handlers = {
    previewRotation: (req: VaultRequest<'previewRotation'>) => this.preview(req.tokenId),
    rotateToken: (req: VaultRequest<'rotateToken'>) => this.run(req),
    operationStatus: (req: VaultRequest<'operationStatus'>) => ({
      running: this.keyport.isRunning(req.opId),
      step: this.keyport.isRunning(req.opId) ? this.step : null,
    }),
  };

  private account(token: TokenMeta): TokenMeta {
    if (!token.remoteKey) {
      throw new FakeError(
        'INVALID_INPUT',
        `"${token.label}" was not created through a registry's token API, so Keyport cannot rotate it.`,
      );
    }
    const account = [...this.keyport.metas.values()].find(
      (t) => t.signIn && t.registry === token.registry,
    );
    if (!account) {
      throw new FakeError(
        'NOT_FOUND',
        `Sign in to ${token.registry} first to rotate "${token.label}".`,
      );
    }
    return account;
  }

  private preview(tokenId: string): RotatePreview {
    const token = this.keyport.get(tokenId);
    const account = this.account(token);
    return {
      tokenId,
      account: account.label,
      files: token.writtenTo
        .filter((w) => w.target)
        .map((w) => ({
          file: w.file,
          entry: w.entry,
          diff: [
            `--- ${w.file}`,
            `+++ ${w.file}`,
            '@@ -1,1 +1,1 @@',
            `-${w.entry}=${token.masked}`,
            `+${w.entry}=npm_••••••••(new)`,
            '',
          ].join('\n'),
        })),
      skipped: token.writtenTo.filter((w) => !w.target).map((w) => w.file),
    };
  }

  private run(req: VaultRequest<'rotateToken'>): RotateOutcome {
    const old = this.keyport.get(req.tokenId);
    const account = this.account(old);
    this.keyport.registry.checkPassword(req.password, req.otp);
    if (this.verifyFails) {
      throw new FakeError('AUTH_FAILED', 'The registry does not accept the new token.');
    }
    const oldSecret = this.keyport.secretOf(old.id);
    const n = this.seq++;
    const secret = `npm_Rotated${String(n).padStart(4, '0')}SecretValueXYZ${n}`;
    const { id: _id, masked: _masked, ...settings } = old;
    const fresh = this.keyport.seed({
      ...settings,
      secret,
      remoteKey: `rotated-key-${n}`,
      created: now(),
      writtenTo: old.writtenTo.map((w) => ({ ...w, at: now() })),
    });
    let files = 0;
    for (const w of old.writtenTo) {
      const text = this.keyport.configs.files.get(w.file);
      if (!w.target || text === undefined) continue;
      this.keyport.configs.files.set(w.file, text.split(oldSecret).join(secret));
      files += 1;
    }
    this.keyport.metas.delete(old.id);
    this.keyport.secrets.delete(old.id);
    const listed = this.keyport.registry.remote.get(account.id) ?? [];
    this.keyport.registry.remote.set(
      account.id,
      listed.filter((r) => r.key !== old.remoteKey),
    );
    return { token: fresh, revokedKey: old.remoteKey ?? '', files };
  }
}
