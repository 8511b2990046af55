import { tildePath, tildeText } from '../paths';
import { useKeyport } from '../store/store-context';

/**
 * The `--- file` / `+++ file` header: only the first two lines (the core writes one file per
 * diff), so a removed line whose text starts with `--` stays a removed line.
 */
function fileHeader(line: string, index: number): string | null {
  if (index > 1 || !(line.startsWith('--- ') || line.startsWith('+++ '))) return null;
  return line.slice(4);
}

/** How a unified diff line reads: which class colours it and what a screen reader hears first. */
function lineKind(line: string, index: number): { className: string; spoken: string } {
  if (fileHeader(line, index) !== null) {
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
  const home = useKeyport((s) => s.home);
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <div role="region" aria-label={label} className="diff" tabIndex={0}>
      <pre className="diff__text">
        {lines.map((line, i) => {
          const { className, spoken } = lineKind(line, i);
          const file = fileHeader(line, i);
          return (
            <span key={i} className={className}>
              {spoken ? <span className="visually-hidden">{spoken}</span> : null}
              {/* The core names the file absolutely; the dialog names it as ~/… above. */}
              {file === null ? line : `${line.slice(0, 4)}${tildePath(file, home)}`}
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
  const home = useKeyport((s) => s.home);
  return notes.map((note) => (
    <p key={note} role="note" className="write-preview__note">
      {tildeText(note, home)}
    </p>
  ));
}
