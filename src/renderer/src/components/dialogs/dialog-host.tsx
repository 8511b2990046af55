import { useKeyport } from '../../store/store-context';
import { AddAccountDialog } from './add-account-dialog';
import { AddTokenDialog } from './add-token-dialog';
import { CreateTokenDialog } from './create-token-dialog';
import { DeleteTokenDialog } from './delete-token-dialog';
import { EditTokenDialog } from './edit-token-dialog';
import { HelperSetupDialog } from './helper-setup-dialog';
import { ImportAllDialog } from './import-all-dialog';
import { ImportFindingDialog } from './import-finding-dialog';
import { RevokeTokensDialog } from './revoke-tokens-dialog';
import { RotateTokenDialog } from './rotate-token-dialog';
import { SweepImportDialog } from './sweep-import-dialog';
import { WriteConfigDialog } from './write-config-dialog';
import { WriteReferenceDialog } from './write-reference-dialog';
import { takesReference } from '../../../../shared/references';

/** Renders the open dialog, if any. A dialog about a token or account that has gone renders nothing. */
export function DialogHost() {
  const dialog = useKeyport((s) => s.dialog);
  const token = useKeyport((s) =>
    dialog && 'tokenId' in dialog ? s.tokens.find((t) => t.id === dialog.tokenId) : undefined,
  );
  const account = useKeyport((s) =>
    dialog && 'accountId' in dialog ? s.accounts.find((a) => a.id === dialog.accountId) : undefined,
  );
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add-token':
      return <AddTokenDialog />;
    case 'edit-token':
      return token ? <EditTokenDialog key={token.id} token={token} /> : null;
    case 'delete-token':
      return token ? <DeleteTokenDialog key={token.id} token={token} /> : null;
    case 'write-config':
      return token ? <WriteConfigDialog key={token.id} token={token} /> : null;
    case 'write-reference': {
      const { format } = dialog.place;
      return token && takesReference(format) ? (
        <WriteReferenceDialog key={token.id} token={token} place={dialog.place} format={format} />
      ) : null;
    }
    case 'rotate-token':
      return token ? <RotateTokenDialog key={token.id} token={token} /> : null;
    case 'helper-setup':
      return token ? (
        <HelperSetupDialog
          key={`${token.id}:${dialog.helper}`}
          token={token}
          helper={dialog.helper}
        />
      ) : null;
    case 'add-account':
      return <AddAccountDialog />;
    case 'create-token':
      return account ? <CreateTokenDialog key={account.id} account={account} /> : null;
    case 'revoke-tokens':
      return account ? (
        <RevokeTokensDialog key={account.id} account={account} keys={dialog.keys} />
      ) : null;
    case 'import-all':
      return <ImportAllDialog findings={dialog.findings} />;
    case 'sweep-import':
      return <SweepImportDialog findings={dialog.findings} />;
    case 'import-finding':
      return <ImportFindingDialog key={dialog.finding.id} finding={dialog.finding} />;
  }
}
