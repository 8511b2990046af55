import type { ReactNode } from 'react';
import { DialogActions } from './dialog-actions';
import type { useDialogForm } from './use-dialog-form';

/** The submit cycle from useDialogForm, spread in: the form, its busy state, its failure. */
type SubmitCycle = Pick<
  ReturnType<typeof useDialogForm>,
  'formRef' | 'busy' | 'failure' | 'quiet' | 'onSubmit'
>;

export interface DialogFormProps extends SubmitCycle {
  label: string;
  busyLabel: string;
  onCancel: () => void;
  /** The input cannot be sent as it is: the main button is disabled. */
  disabled?: boolean;
  children: ReactNode;
}

/**
 * The body of a dialog that is one form: the browser's own validation is off (the contract's
 * schema speaks instead), the form is busy while its request runs, and the actions close it.
 * The Dialog around it stays the caller's, so a later step can replace the form in place.
 */
export function DialogForm({
  formRef,
  busy,
  failure,
  quiet,
  onSubmit,
  label,
  busyLabel,
  onCancel,
  disabled,
  children,
}: DialogFormProps) {
  return (
    <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
      {children}
      <DialogActions
        failure={failure}
        quiet={quiet}
        busy={busy}
        disabled={disabled}
        label={label}
        busyLabel={busyLabel}
        onCancel={onCancel}
      />
    </form>
  );
}
