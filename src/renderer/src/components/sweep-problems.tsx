import type { SweepProblem } from '../../../shared/types';
import { plural } from '../format';
import { tildePath } from '../paths';
import { useKeyport } from '../store/store-context';

const REASON_TEXT: Record<SweepProblem['reason'], string> = {
  unreadable: 'could not be read',
  'symlink-outside': 'is a link out of the folder; not followed',
  'too-large': 'is too large to be a config file; not read',
  'other-filesystem': 'is on another file system; not walked',
  'not-regular': 'is not a regular file; not read',
};

/** What the sweep could not or would not read: listed quietly, folded away, never an error. */
export function SweepProblems({ problems }: { problems: readonly SweepProblem[] }) {
  const home = useKeyport((s) => s.home);
  if (problems.length === 0) return null;
  return (
    <details className="sweep-problems">
      <summary>{plural(problems.length, 'place', 'places')} not read</summary>
      <ul>
        {problems.map((p) => (
          <li key={`${p.path}\0${p.reason}`}>
            <span className="mono">{tildePath(p.path, home)}</span> {REASON_TEXT[p.reason]}
            {p.target ? (
              <>
                {' '}
                (to <span className="mono">{tildePath(p.target, home)}</span>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
