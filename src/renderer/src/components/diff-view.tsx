/** How a unified diff line reads: which class colours it and what a screen reader hears first. */
function lineKind(line: string): { className: string; spoken: string } {
  if (line.startsWith('+++') || line.startsWith('---')) {
    return { className: 'diff__line diff__line--file', spoken: '' };
  }
  if (line.startsWith('@@')) return { className: 'diff__line diff__line--hunk', spoken: '' };
  if (line.startsWith('+')) return { className: 'diff__line diff__line--add', spoken: 'added: ' };
  if (line.startsWith('-')) {
    return { className: 'diff__line diff__line--remove', spoken: 'removed: ' };
  }
  return { className: 'diff__line', spoken: '' };
}

/**
 * A read-only unified diff as the core made it (every credential already masked there), coloured
 * per line. Colour is not the only cue: the +/− stays visible, and each changed line says
 * "added" or "removed" to screen readers. Focusable so the keyboard can scroll it.
 */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <div role="region" aria-label={label} className="diff" tabIndex={0}>
      <pre className="diff__text">
        {lines.map((line, i) => {
          const { className, spoken } = lineKind(line);
          return (
            <span key={i} className={className}>
              {spoken ? <span className="visually-hidden">{spoken}</span> : null}
              {line}
              {'\n'}
            </span>
          );
        })}
      </pre>
    </div>
  );
}

/** The core's notes on a previewed change (what a client will make of it), one per line. */
export function PreviewNotes({ notes }: { notes: readonly string[] }) {
  return notes.map((note) => (
    <p key={note} role="note" className="write-preview__note">
      {note}
    </p>
  ));
}
