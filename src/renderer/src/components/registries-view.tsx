import { useEffect } from 'react';
import { useKeyport } from '../store/store-context';
import { AccountPanel } from './account-panel';
import { EmptyState } from './empty-state';
import { Spinner } from './spinner';

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
  const openDialog = useKeyport((s) => s.openDialog);

  useEffect(() => {
    void loadAccounts();
  }, [loadAccounts]);

  if (status === 'loading') {
    return (
      <div className="loading" role="status">
        <div className="progress-bar" role="progressbar" aria-label="Loading accounts" />
        <Spinner /> Loading accounts…
      </div>
    );
  }
  if (status === 'failed') {
    return (
      <EmptyState
        title="Accounts could not be loaded"
        action={
          <button type="button" className="button" onClick={() => void loadAccounts()}>
            Try again
          </button>
        }
      >
        The reason is shown above.
      </EmptyState>
    );
  }
  if (accounts.length === 0) {
    return (
      <EmptyState
        title="No accounts yet"
        action={
          <button
            type="button"
            className="button button--primary"
            onClick={() => openDialog({ kind: 'add-account' })}
          >
            Add your first account
          </button>
        }
      >
        Sign in to npmjs, Verdaccio, GitHub Packages or any npm registry to create, list and revoke
        its tokens from here.
      </EmptyState>
    );
  }

  const selected = accounts.find((a) => a.id === selectedId);
  return (
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
  );
}
