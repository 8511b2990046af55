import { KeyportError } from '../shared/errors';

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

  async run<T>(
    opId: string | undefined,
    task: (signal: AbortSignal, report: (step: string) => void) => Promise<T>,
  ): Promise<T> {
    const entry = { controller: new AbortController(), step: null as string | null };
    if (opId) {
      if (this.running.has(opId)) {
        throw new KeyportError('INVALID_INPUT', 'This operation is already running.');
      }
      this.running.set(opId, entry);
    }
    try {
      return await task(entry.controller.signal, (step) => {
        entry.step = step;
      });
    } finally {
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
