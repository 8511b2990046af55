import { useEffect, useRef } from 'react';
import { newOpId } from '../../op-id';
import { useKeyport } from '../../store/store-context';

/**
 * Gives each registry call a dialog makes an opId, and cancels the call still in flight when the
 * dialog goes away (Cancel, Escape): closing a dialog means "stop", not "carry on unseen".
 */
export function useOperation() {
  const cancelOperation = useKeyport((s) => s.cancelOperation);
  const running = useRef<string | null>(null);

  useEffect(
    () => () => {
      const opId = running.current;
      running.current = null;
      if (opId !== null) void cancelOperation(opId);
    },
    [cancelOperation],
  );

  return async function run<T>(call: (opId: string) => Promise<T>): Promise<T> {
    const opId = newOpId();
    running.current = opId;
    try {
      return await call(opId);
    } finally {
      if (running.current === opId) running.current = null;
    }
  };
}
