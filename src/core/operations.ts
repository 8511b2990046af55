import { KeyportError } from '../shared/errors';

/**
 * Slow registry calls the user may cancel: each request can carry an opId; `op:cancel` aborts
 * the signal registered under it. Finished operations unregister themselves.
 */
export class Operations {
  private readonly running = new Map<string, AbortController>();

  async run<T>(opId: string | undefined, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (opId) {
      if (this.running.has(opId))
        throw new KeyportError('INVALID_INPUT', 'This operation is already running.');
      this.running.set(opId, controller);
    }
    try {
      return await task(controller.signal);
    } finally {
      if (opId) this.running.delete(opId);
    }
  }

  cancel(opId: string): boolean {
    const controller = this.running.get(opId);
    controller?.abort();
    return controller !== undefined;
  }
}
