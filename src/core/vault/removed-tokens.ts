import { randomId } from '../random-hex';
import type { RemovedToken } from './vault';

/** How long a deleted token can be brought back: the app's Undo notice stays this long too. */
export const RESTORE_WINDOW_MS = 30_000;

/**
 * Deleted tokens kept in memory for a short while, so the app can offer Undo on a delete. The
 * secret is held only here, only for RESTORE_WINDOW_MS, never written anywhere; after that the
 * delete is final. An app restart drops everything (nothing is persisted).
 */
export class RemovedTokens {
  private readonly kept = new Map<string, { removed: RemovedToken; timer: NodeJS.Timeout }>();

  constructor(private readonly windowMs = RESTORE_WINDOW_MS) {}

  /** Keeps a deleted token and returns the id to restore it with. */
  keep(removed: RemovedToken): string {
    const undoId = randomId();
    const timer = setTimeout(() => this.kept.delete(undoId), this.windowMs);
    timer.unref?.();
    this.kept.set(undoId, { removed, timer });
    return undoId;
  }

  /** The kept token, once: taking it ends its window. */
  take(undoId: string): RemovedToken | undefined {
    const entry = this.kept.get(undoId);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.kept.delete(undoId);
    return entry.removed;
  }
}
