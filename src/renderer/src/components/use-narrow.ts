import { useSyncExternalStore } from 'react';

/** Below this width the details are pushed over the list instead of beside it. */
export const NARROW_QUERY = '(max-width: 959px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True while the window is narrower than ~960 px; follows resizes. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW_QUERY).matches);
}
