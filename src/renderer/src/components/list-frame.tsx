import type { ReactNode } from 'react';
import type { ListStatus } from '../store/keyport-store';
import { EmptyState } from './empty-state';
import { Spinner } from './spinner';

export interface ListFrameProps {
  status: ListStatus;
  /** Plural, lower case ("tokens"): the loading line and the failure title name it. */
  noun: string;
  count: number;
  onRetry: () => void;
  /** A progress bar in the loading line too (the accounts list may wait on the keychain). */
  progress?: boolean;
  /** What to say, and the way to add one, while the list is empty. */
  empty: { title: string; text: ReactNode; action: ReactNode };
  children: ReactNode;
}

/**
 * The states every list view goes through before it has rows: loading, failed (the reason is in
 * the error banner above, so only Try again is offered here) and empty (the first item to add).
 * Only once there is something to list are the children rendered.
 */
export function ListFrame({
  status,
  noun,
  count,
  onRetry,
  progress = false,
  empty,
  children,
}: ListFrameProps) {
  if (status === 'loading') {
    return (
      <div className="loading" role="status">
        {progress ? (
          <div className="progress-bar" role="progressbar" aria-label={`Loading ${noun}`} />
        ) : null}
        <Spinner />
        {` Loading ${noun}…`}
      </div>
    );
  }
  if (status === 'failed') {
    return (
      <EmptyState
        title={`${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} could not be loaded`}
        action={
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        }
      >
        The reason is shown above.
      </EmptyState>
    );
  }
  if (count === 0) {
    return (
      <EmptyState title={empty.title} action={empty.action}>
        {empty.text}
      </EmptyState>
    );
  }
  return children;
}
