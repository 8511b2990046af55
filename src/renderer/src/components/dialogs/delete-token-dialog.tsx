import type { TokenMeta } from '../../../../shared/types';
import { useKeyport } from '../../store/store-context';
import { ConfirmDialog } from './confirm-dialog';

export function DeleteTokenDialog({ token }: { token: TokenMeta }) {
  const removeToken = useKeyport((s) => s.removeToken);
  const closeDialog = useKeyport((s) => s.closeDialog);
  return (
    <ConfirmDialog
      title="Delete token"
      message={
        <>
          Delete <strong>{token.label}</strong> (<span className="mono">{token.masked}</span>)? Its
          value is removed from the keychain; the notice that follows can bring it back for a few
          seconds.
        </>
      }
      confirmLabel="Delete"
      busyLabel="Deleting…"
      destructive
      onConfirm={() => removeToken(token.id)}
      onClose={closeDialog}
    />
  );
}
