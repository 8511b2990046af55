import { useState, type ReactNode } from 'react';
import { errorInfoOf } from '../../api';
import { Dialog } from './dialog';
import { DialogActions } from './dialog-actions';

export interface ConfirmDialogProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  destructive?: boolean;
  /** May reject; the error is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** "Are you sure?" with the safe choice focused first; Escape and Cancel leave everything as is. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  busyLabel,
  destructive = false,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [quiet, setQuiet] = useState(false);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(errorInfoOf(err).message);
      setQuiet(errorInfoOf(err).code === 'USER_DECLINED');
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} role="alertdialog" description={message} onClose={onClose}>
      <DialogActions
        failure={error}
        quiet={quiet}
        busy={busy}
        label={confirmLabel}
        busyLabel={busyLabel}
        destructive={destructive}
        cancelFirst
        onCancel={onClose}
        onConfirm={() => void confirm()}
      />
    </Dialog>
  );
}
