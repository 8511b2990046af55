import type { ReactNode } from 'react';

export interface RowActionProps {
  /** The row's roving tabindex: 0 on the active row, -1 elsewhere (arrows move between rows). */
  tabIndex: number;
  /** The row's label, so "Copy" is announced as "Copy, <token label>". */
  describedBy: string;
  onClick: () => void;
  /** Its call is running: announced, and the row stays usable meanwhile. */
  busy?: boolean;
  /** Deleting: styled apart from the everyday actions. */
  danger?: boolean;
  children: ReactNode;
}

/** One of the small action buttons at the end of a list row. */
export function RowAction({
  tabIndex,
  describedBy,
  onClick,
  busy = false,
  danger = false,
  children,
}: RowActionProps) {
  return (
    <button
      type="button"
      className={danger ? 'button button--small button--danger-quiet' : 'button button--small'}
      tabIndex={tabIndex}
      aria-describedby={describedBy}
      aria-busy={busy || undefined}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
