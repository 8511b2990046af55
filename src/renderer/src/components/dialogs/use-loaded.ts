import { useCallback, useEffect, useState } from 'react';
import { failureText } from '../../api';

export type Loaded<T> =
  { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

/**
 * What a dialog must fetch before it can ask anything (a rotation's or a reference's preview).
 * An answer that comes after the dialog closed, or after a newer load began, is dropped, so a
 * late preview never replaces the current one. `load` must be memoised: a new one loads again.
 */
export function useLoaded<T>(load: () => Promise<T>): { loaded: Loaded<T>; reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ kind: 'loading' });
  // Bumped by reload: the same request again, e.g. after a plan was used up by a failed write.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    load().then(
      (value) => {
        if (live) setLoaded({ kind: 'ready', value });
      },
      (err: unknown) => {
        if (live) setLoaded({ kind: 'failed', message: failureText(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, attempt]);

  const reload = useCallback(() => {
    setLoaded({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { loaded, reload };
}
