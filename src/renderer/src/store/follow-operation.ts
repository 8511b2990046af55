import type { Api } from '../api';
import type { Clock, TimerHandle } from '../clock';

/** How often a long operation's step is asked for while it runs. */
export const OPERATION_POLL_MS = 250;

/**
 * Asks main every OPERATION_POLL_MS which step a long operation (a sweep, a rotation) is at, and
 * hands each answer to `onStep`, until the returned stop function is called (when the
 * operation's own call settles) or `onStep` answers false (the store has moved on to another
 * operation). `running` is not trusted to end the loop: the first poll may reach main before
 * the operation does. A failed status call only costs one tick of progress.
 */
export function followOperation(
  api: Pick<Api, 'operationStatus'>,
  clock: Clock,
  opId: string,
  onStep: (step: string | null) => boolean,
): () => void {
  let timer: TimerHandle | undefined;
  let stopped = false;
  const poll = async () => {
    timer = undefined;
    try {
      const { step } = await api.operationStatus({ opId });
      if (stopped || !onStep(step)) return;
    } catch {
      if (stopped) return;
    }
    timer = clock.setTimeout(() => void poll(), OPERATION_POLL_MS);
  };
  timer = clock.setTimeout(() => void poll(), OPERATION_POLL_MS);
  return () => {
    stopped = true;
    if (timer !== undefined) clock.clearTimeout(timer);
  };
}
