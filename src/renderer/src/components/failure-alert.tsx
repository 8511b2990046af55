export interface FailureAlertProps {
  /** The sentence from a failed call; nothing is rendered without one. */
  message: string | null | undefined;
  className?: string;
}

/** A failed call's sentence, announced as it appears (role="alert"), in the form-error style. */
export function FailureAlert({ message, className }: FailureAlertProps) {
  if (!message) return null;
  return (
    <p role="alert" className={className ? `form-error ${className}` : 'form-error'}>
      {message}
    </p>
  );
}
