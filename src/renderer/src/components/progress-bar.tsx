import { useKeyport } from '../store/store-context';

/**
 * A thin indeterminate bar under the header while any call is in flight. CSS delays its
 * appearance, so only calls slow enough to notice show it.
 */
export function ProgressBar() {
  const busy = useKeyport((s) => Object.keys(s.pending).length > 0);
  if (!busy) return null;
  return <div className="progress-bar" role="progressbar" aria-label="Working" />;
}
