import { useEffect } from 'react';
import { useKeyport } from '../store/store-context';
import { AccountPanel } from './account-panel';
import { ListFrame } from './list-frame';
import { OpenDialogButton } from './open-dialog-button';

/**
 * Registry accounts side by side: the list on the left, the selected account's remote tokens on
 * the right. Accounts are listed again each time the view opens (a CLI login may have added one).
 */
export function RegistriesView() {
  const accounts = useKeyport((s) => s.accounts);
  const status = useKeyport((s) => s.accountsStatus);
  const selectedId = useKeyport((s) => s.selectedAccountId);
  const loadAccounts = useKeyport((s) => s.loadAccounts);
  const selectAccount = useKeyport((s) => s.selectAccount);

  useEffect(() => {
    void loadAccounts();
  }, [loadAccounts]);

  const selected = accounts.find((a) => a.id === selectedId);
  return (
    <ListFrame
      status={status}
      noun="accounts"
      count={accounts.length}
      onRetry={() => void loadAccounts()}
      progress
      empty={{
        title: 'No accounts yet',
        text: 'Sign in to npmjs, Verdaccio, GitHub Packages or any npm registry to create, list and revoke its tokens from here.',
        action: (
          <OpenDialogButton primary dialog={{ kind: 'add-account' }}>
            Add your first account
          </OpenDialogButton>
        ),
      }}
    >
      <div className="registries">
        <ul className="account-list" aria-label="Accounts">
          {accounts.map((account) => (
            <li key={account.id}>
              <button
                type="button"
                className="account-list__item"
                aria-label={account.label}
                aria-current={account.id === selectedId ? 'true' : undefined}
                onClick={() => selectAccount(account.id)}
              >
                <span className="account-list__name">{account.username}</span>
                <span className="account-list__registry">{account.registry}</span>
              </button>
            </li>
          ))}
        </ul>
        {selected ? <AccountPanel key={selected.id} account={selected} /> : null}
      </div>
    </ListFrame>
  );
}
