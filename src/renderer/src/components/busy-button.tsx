import type { ReactNode } from 'react';
import { Spinner } from './spinner';

export interface BusyButtonProps {
  /** This button's own action is running: a spinner and the busy label show it. */
  busy: boolean;
  label: ReactNode;
  busyLabel: string;
  className: string;
  type?: 'button' | 'submit';
  /**
   * Clicks are ignored (aria-disabled) while anything in the form runs; it defaults to `busy`.
   * The button stays focusable, so focus does not jump away from it mid-action.
   */
  inert?: boolean;
  disabled?: boolean;
  onClick?: () => void;
}

/** A button whose action takes a while: it says so, and keeps its place in the tab order. */
export function BusyButton({
  busy,
  label,
  busyLabel,
  className,
  type = 'button',
  inert = busy,
  disabled,
  onClick,
}: BusyButtonProps) {
  return (
    <button
      type={type}
      className={className}
      aria-disabled={inert || undefined}
      disabled={disabled}
      onClick={onClick}
    >
      {busy ? <Spinner /> : null}
      {busy ? busyLabel : label}
    </button>
  );
}
