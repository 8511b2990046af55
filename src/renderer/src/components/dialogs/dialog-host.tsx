import { useKeyport } from '../../store/store-context';
import { AddTokenDialog } from './add-token-dialog';
import { DeleteTokenDialog } from './delete-token-dialog';
import { EditTokenDialog } from './edit-token-dialog';

/** Renders the open dialog, if any. A dialog about a token that has gone renders nothing. */
export function DialogHost() {
  const dialog = useKeyport((s) => s.dialog);
  const token = useKeyport((s) =>
    dialog && 'tokenId' in dialog ? s.tokens.find((t) => t.id === dialog.tokenId) : undefined,
  );
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add-token':
      return <AddTokenDialog />;
    case 'edit-token':
      return token ? <EditTokenDialog key={token.id} token={token} /> : null;
    case 'delete-token':
      return token ? <DeleteTokenDialog key={token.id} token={token} /> : null;
  }
}
