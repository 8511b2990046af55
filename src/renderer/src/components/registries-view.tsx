import { useEffect } from 'react';
import { useEscapeClosesDetail } from './use-escape-closes-detail';
import { useKeyport } from '../store/store-context';
import { AccountPanel } from './account-panel';
import { ListFrame } from './list-frame';
import { OpenDialogButton } from './open-dialog-button';
import { hostOf } from './token-row';
import { useNarrow } from './use-narrow';

/**
 * Registry accounts as list + detail, like Tokens: the accounts on the left, the selected one's
 * session and remote tokens on the right (pushed over the list below ~960 px). Accounts are
 * listed again each time the view opens (a CLI login may have added one).
 */
export function RegistriesView() {
  const accounts = useKeyport((s) => s.accounts);
  const status = useKeyport((s) => s.accountsStatus);
  const selectedId = useKeyport((s) => s.selectedAccountId);
  const detailOpen = useKeyport((s) => s.accountDetailOpen);
  const loadAccounts = useKeyport((s) => s.loadAccounts);
  const selectAccount = useKeyport((s) => s.selectAccount);
  const closeDetail = useKeyport((s) => s.closeAccountDetail);
  const narrow = useNarrow();

  useEffect(() => {
    void loadAccounts();
  }, [loadAccounts]);

  const selected = accounts.find((a) => a.id === selectedId);
  const pushed = narrow && detailOpen && selected !== undefined;

  useEscapeClosesDetail(pushed, closeDetail);

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
      <div className={pushed ? 'master-detail is-pushed' : 'master-detail'}>
        {pushed ? null : (
          <div className="master">
            <ul className="account-list" aria-label="Accounts">
              {accounts.map((account) => {
                const current = account.id === selectedId;
                return (
                  <li key={account.id}>
                    <button
                      type="button"
                      className="account-list__item"
                      aria-label={account.label}
                      aria-current={current ? 'true' : undefined}
                      data-return-focus={current || undefined}
                      onClick={() => selectAccount(account.id, { open: true })}
                    >
                      <span className="account-list__name">{account.username}</span>
                      <span className="account-list__registry">{hostOf(account.registry)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {selected && (!narrow || pushed) ? (
          <div className="detail-pane">
            <AccountPanel key={selected.id} account={selected} narrow={narrow} />
          </div>
        ) : null}
      </div>
    </ListFrame>
  );
}
