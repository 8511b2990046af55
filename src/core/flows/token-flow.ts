import { KeyportError } from '../../shared/errors';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc-contract';
import type { CopyResult, TokenMeta } from '../../shared/types';
import type { ClipboardGuard } from '../clipboard-guard';
import { RemovedTokens, RESTORE_WINDOW_MS } from '../vault/removed-tokens';
import type { Vault } from '../vault/vault';

/**
 * The vault's tokens as use cases: list, add, edit, reveal, copy, delete with a short Undo.
 * Every argument is already validated against the contract.
 */
export class TokenFlow {
  /** Deleted tokens the app can still bring back (Undo). */
  private readonly removed = new RemovedTokens();

  constructor(
    private readonly vault: Vault,
    /** Absent in the CLI, which prints instead of copying. */
    private readonly clipboard?: ClipboardGuard,
  ) {}

  list(): Promise<TokenMeta[]> {
    return this.vault.list();
  }

  add(req: ParsedRequestOf<'vault:add'>): Promise<TokenMeta> {
    return this.vault.add({ ...req, origin: 'pasted' });
  }

  update(req: ParsedRequestOf<'vault:update'>): Promise<TokenMeta> {
    const { id, ...patch } = req;
    return this.vault.update(id, patch);
  }

  async reveal(id: string): Promise<{ secret: string }> {
    return { secret: await this.vault.reveal(id) };
  }

  async copy(id: string): Promise<CopyResult> {
    if (!this.clipboard) throw new KeyportError('INTERNAL', 'Copying is not available here.');
    await this.clipboard.copy(await this.vault.reveal(id));
    await this.vault.touch(id);
    return { clearAfterSeconds: this.clipboard.clearAfterMs / 1000 };
  }

  /** Deletes a token; `undoId` restores it within RESTORE_WINDOW_MS (null if no value was left). */
  async remove(id: string): Promise<ResponseOf<'vault:remove'>> {
    const removed = await this.vault.remove(id, { forUndo: true });
    return {
      removed: true,
      undoId: removed ? this.removed.keep(removed) : null,
      undoSeconds: RESTORE_WINDOW_MS / 1000,
    };
  }

  async restore(undoId: string): Promise<TokenMeta> {
    const removed = this.removed.take(undoId);
    if (!removed) {
      throw new KeyportError(
        'NOTHING_TO_UNDO',
        'Too late to undo: the token was deleted for good. Add it again if you still have it.',
      );
    }
    return this.vault.restore(removed);
  }
}
