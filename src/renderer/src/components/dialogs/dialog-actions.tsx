import { BusyButton } from '../busy-button';
import { FailureAlert } from '../failure-alert';

export interface DialogActionsProps {
  /** The sentence from a failed call, shown above the buttons. */
  failure: string | null;
  /** The failure is the user's own No in main's confirmation: said quietly. */
  quiet?: boolean;
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel: () => void;
  /** What Cancel says where leaving has another meaning (e.g. "Keep as is"). */
  cancelLabel?: string;
  /**
   * Shown with a failure: a used-up or stale preview is loaded anew ("Preview again") instead
   * of sending the same plan twice.
   */
  onPreviewAgain?: () => void;
  destructive?: boolean;
  /** Without onConfirm the main button submits the surrounding form. */
  onConfirm?: () => void;
  /** Whether Cancel takes the initial focus (confirmations: the safe choice first). */
  cancelFirst?: boolean;
  /** The input cannot be sent as it is (e.g. an invalid CIDR): the main button is disabled. */
  disabled?: boolean;
}

/** Cancel and the main action; the main one stays focusable but inert while busy. */
export function DialogActions({
  failure,
  quiet = false,
  busy,
  label,
  busyLabel,
  onCancel,
  cancelLabel = 'Cancel',
  onPreviewAgain,
  destructive = false,
  onConfirm,
  cancelFirst = false,
  disabled = false,
}: DialogActionsProps) {
  return (
    <>
      <FailureAlert message={failure} quiet={quiet} />
      <div className="dialog__actions">
        <button
          type="button"
          className="button"
          data-autofocus={cancelFirst || undefined}
          onClick={onCancel}
        >
          {cancelLabel}
        </button>
        {failure && onPreviewAgain ? (
          <button type="button" className="button" onClick={onPreviewAgain}>
            Preview again
          </button>
        ) : null}
        <BusyButton
          type={onConfirm ? 'button' : 'submit'}
          className={destructive ? 'button button--danger' : 'button button--primary'}
          busy={busy}
          disabled={disabled && !busy}
          label={label}
          busyLabel={busyLabel}
          onClick={onConfirm}
        />
      </div>
    </>
  );
}
