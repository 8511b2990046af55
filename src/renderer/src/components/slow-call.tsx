import { useId } from 'react';
import { useKeyport } from '../store/store-context';
import { Spinner } from './spinner';

/**
 * A registry call in flight: what it is, a progress bar, and Cancel, which asks main to stop it
 * (op:cancel). Registry calls can take up to the core's time-out; nobody should have to wait it out.
 */
export function SlowCall({ label, opId }: { label: string; opId: string }) {
  const cancelOperation = useKeyport((s) => s.cancelOperation);
  const labelId = useId();
  return (
    <div className="slow-call">
      <div className="progress-bar slow-call__bar" role="progressbar" aria-label={label} />
      <span className="slow-call__text" id={labelId}>
        <Spinner /> {label}…
      </span>
      <button
        type="button"
        className="button button--small"
        aria-describedby={labelId}
        onClick={() => void cancelOperation(opId)}
      >
        Cancel
      </button>
    </div>
  );
}
