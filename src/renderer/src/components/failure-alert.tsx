import { tildeText } from '../paths';
import { useKeyport } from '../store/store-context';

export interface FailureAlertProps {
  /** The sentence from a failed call; nothing is rendered without one. */
  message: string | null | undefined;
  className?: string;
  /** The user said No in main's confirmation: a quiet note, not an alert. */
  quiet?: boolean;
}

/** A failed call's sentence, announced as it appears (role="alert"), in the form-error style. */
export function FailureAlert({ message, className, quiet = false }: FailureAlertProps) {
  const home = useKeyport((s) => s.home);
  if (!message) return null;
  // The core's sentences name files absolutely; the dialogs around them name files as ~/….
  const text = tildeText(message, home);
  if (quiet) {
    return (
      <p role="status" className={className ? `quiet-note ${className}` : 'quiet-note'}>
        {text}
      </p>
    );
  }
  return (
    <p role="alert" className={className ? `form-error ${className}` : 'form-error'}>
      {text}
    </p>
  );
}
