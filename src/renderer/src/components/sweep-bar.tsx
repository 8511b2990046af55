import { useId } from 'react';
import { tildePath } from '../paths';
import { useKeyport } from '../store/store-context';
import { Spinner } from './spinner';

/**
 * The folder sweep's controls: "Sweep folders…" (main's folder picker; each folder chosen joins
 * the others as a removable ~/… chip and everything chosen is swept), then, while it runs, a
 * progress bar with what main has walked so far and Cancel (op:cancel).
 */
export function SweepBar() {
  const sweep = useKeyport((s) => s.sweep);
  const home = useKeyport((s) => s.home);
  const picking = useKeyport((s) => s.pending['pick-folder'] === true);
  const addSweepFolder = useKeyport((s) => s.addSweepFolder);
  const removeSweepFolder = useKeyport((s) => s.removeSweepFolder);
  const runSweep = useKeyport((s) => s.runSweep);
  const cancelSweep = useKeyport((s) => s.cancelSweep);
  const progressId = useId();
  const running = sweep.opId !== null;

  return (
    <div className="sweep-bar" aria-busy={running}>
      <button
        type="button"
        className="button"
        aria-busy={picking || undefined}
        onClick={() => {
          if (!picking && !running) void addSweepFolder();
        }}
      >
        {sweep.dirs.length === 0 ? 'Sweep folders…' : 'Add folder…'}
      </button>
      {sweep.dirs.length > 0 ? (
        <ul className="sweep-bar__folders" aria-label="Folders to sweep">
          {sweep.dirs.map((dir) => {
            const shown = tildePath(dir, home);
            return (
              <li key={dir} className="chip">
                <span className="mono chip__text" title={dir}>
                  {shown}
                </span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={`Remove ${shown}`}
                  disabled={running}
                  onClick={() => removeSweepFolder(dir)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {sweep.dirs.length > 0 && !running ? (
        <button type="button" className="button" onClick={() => void runSweep()}>
          Sweep again
        </button>
      ) : null}
      {running ? (
        <div className="slow-call sweep-bar__progress">
          <div
            className="progress-bar slow-call__bar"
            role="progressbar"
            aria-label="Sweeping"
            aria-valuetext={sweep.progress ?? 'Starting'}
          />
          <span className="slow-call__text" id={progressId} aria-live="polite">
            <Spinner /> Sweeping… {sweep.progress ? `${sweep.progress} seen` : ''}
          </span>
          <button
            type="button"
            className="button button--small"
            aria-describedby={progressId}
            onClick={() => void cancelSweep()}
          >
            Cancel
          </button>
        </div>
      ) : null}
      {sweep.cancelled ? (
        <p className="quiet-note sweep-bar__cancelled" role="status">
          Sweep cancelled; the last results are kept.
        </p>
      ) : null}
    </div>
  );
}
