import type { ReactNode } from 'react';
import type { DialogRequest } from '../store/dialogs';
import { useKeyport } from '../store/store-context';

export interface OpenDialogButtonProps {
  dialog: DialogRequest;
  /** The view's main action (Add …, Create …) is the primary button. */
  primary?: boolean;
  children: ReactNode;
}

/**
 * A button that only opens a dialog. The dialog takes focus and hands it back to this button
 * when it closes, so nothing else needs to happen here.
 */
export function OpenDialogButton({ dialog, primary = false, children }: OpenDialogButtonProps) {
  const openDialog = useKeyport((s) => s.openDialog);
  return (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'button'}
      onClick={() => openDialog(dialog)}
    >
      {children}
    </button>
  );
}
