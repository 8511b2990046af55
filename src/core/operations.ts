import { KeyportError } from '../shared/errors';

/** Who may cancel an operation: the user through its opId, and the operation it is a step of. */
export interface OperationScope {
  opId?: string | undefined;
  parent?: AbortSignal | undefined;
}

/**
 * Slow registry calls the user may cancel: each request can carry an opId; `op:cancel` aborts
 * the signal registered under it, and `op:status` tells which step a long task is at.
 * Finished operations unregister themselves.
 */
export class Operations {
  private readonly running = new Map<
    string,
    { controller: AbortController; step: string | null }
  >();

  /**
   * `scope.parent`: the signal of the operation this one is a step of (a rotation's create and
   * revoke), so cancelling the whole also cancels the step under way.
   */
  async run<T>(
    scope: OperationScope,
    task: (signal: AbortSignal, report: (step: string) => void) => Promise<T>,
  ): Promise<T> {
    const { opId, parent } = scope;
    const entry = { controller: new AbortController(), step: null as string | null };
    if (opId) {
      if (this.running.has(opId)) {
        throw new KeyportError('INVALID_INPUT', 'This operation is already running.');
      }
      this.running.set(opId, entry);
    }
    const abort = (): void => entry.controller.abort();
    if (parent?.aborted) abort();
    else parent?.addEventListener('abort', abort, { once: true });
    try {
      return await task(entry.controller.signal, (step) => {
        entry.step = step;
      });
    } finally {
      parent?.removeEventListener('abort', abort);
      if (opId) this.running.delete(opId);
    }
  }

  cancel(opId: string): boolean {
    const entry = this.running.get(opId);
    entry?.controller.abort();
    return entry !== undefined;
  }

  status(opId: string): { running: boolean; step: string | null } {
    const entry = this.running.get(opId);
    return { running: entry !== undefined, step: entry?.step ?? null };
  }
}
