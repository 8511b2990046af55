import { useState } from 'react';
import type { Account } from '../../../shared/types';
import type { SignInCheck } from '../store/registries-slice';
import { useKeyport } from '../store/store-context';
import { expiryInfo } from '../format';
import { BackButton } from './back-button';
import { EmptyState } from './empty-state';
import { FailureAlert } from './failure-alert';
import { OpenDialogButton } from './open-dialog-button';
import { RemoteTokenTable } from './remote-token-table';
import { SlowCall } from './slow-call';
import { Spinner } from './spinner';

/** Who you are on this registry, and its tokens as the registry lists them, merged with the vault. */
export function AccountPanel({ account, narrow }: { account: Account; narrow: boolean }) {
  const session = useKeyport((s) => s.tokens.find((t) => t.id === account.id));
  const now = useKeyport((s) => s.now);
  const closeDetail = useKeyport((s) => s.closeAccountDetail);
  const remote = useKeyport((s) => (s.remote?.accountId === account.id ? s.remote : null));
  const check = useKeyport((s) => s.signInChecks[account.id]);
  const loadRemote = useKeyport((s) => s.loadRemote);
  const checkSignIn = useKeyport((s) => s.checkSignIn);
  const openDialog = useKeyport((s) => s.openDialog);
  // Keys of the remote tokens ticked for revoking; only ones still listed count.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const rows = remote?.rows ?? [];
  const selectedKeys = rows.flatMap((r) =>
    r.remote && selected.has(r.remote.key) ? [r.remote.key] : [],
  );
  const loading = remote !== null && remote.opId !== null;
  const checking = check?.status === 'checking';

  return (
    <section className="detail account-panel" aria-labelledby={`account-${account.id}`}>
      <header className="detail__header">
        <div className="detail__title-row">
          {narrow ? <BackButton label="Back to accounts" onBack={closeDetail} /> : null}
          <div className="detail__titles">
            <h2 className="detail__title" id={`account-${account.id}`} tabIndex={-1}>
              {account.label}
            </h2>
            <p className="detail__subtitle">{account.registry}</p>
            <SignInLine username={account.username} check={check} />
            <p className="account-panel__session">
              Session token <code className="mono">{session?.masked ?? '••••••••'}</code>
              {' · '}
              {expiryInfo(account.expires, now).text}
            </p>
            {/* Its own line: as a wrapped flex item it started a line with a stray "·". */}
            <p className="facts__hint account-panel__hint">
              Kept for this account only; it is not listed under Tokens.
            </p>
          </div>
        </div>
        <div className="detail__actions">
          <button
            type="button"
            className="button"
            aria-busy={checking || undefined}
            onClick={() => {
              if (!checking) void checkSignIn(account.id);
            }}
          >
            {checking ? <Spinner /> : null}
            Check sign-in
          </button>
          <button
            type="button"
            className="button"
            aria-busy={loading || undefined}
            onClick={() => {
              if (!loading) void loadRemote(account.id);
            }}
          >
            {loading ? <Spinner /> : null}
            Refresh
          </button>
          <button
            type="button"
            className="button button--danger-quiet"
            disabled={selectedKeys.length === 0}
            onClick={() =>
              openDialog({ kind: 'revoke-tokens', accountId: account.id, keys: selectedKeys })
            }
          >
            Revoke selected
          </button>
          <OpenDialogButton primary dialog={{ kind: 'create-token', accountId: account.id }}>
            Create token
          </OpenDialogButton>
        </div>
      </header>
      {check?.status === 'checking' ? (
        <SlowCall label="Checking sign-in" opId={check.opId} />
      ) : null}
      {remote?.opId ? <SlowCall label="Loading remote tokens" opId={remote.opId} /> : null}
      <FailureAlert message={remote?.failure} className="account-panel__failure" />
      {remote?.status === 'ready' && rows.length === 0 ? (
        <EmptyState title="No tokens on this registry" action={null}>
          Tokens created here or elsewhere for {account.username} will be listed here.
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <RemoteTokenTable rows={rows} selected={selected} onSelect={setSelected} />
      ) : null}
    </section>
  );
}

/** The account's user name, and what the last "Check sign-in" said about it. */
function SignInLine({ username, check }: { username: string; check: SignInCheck | undefined }) {
  if (check?.status === 'done' && check.username === null) {
    return (
      <p role="status" className="account-panel__signin account-panel__signin--warning">
        Not signed in: the registry no longer accepts this session. Add the account again.
      </p>
    );
  }
  if (check?.status === 'failed') {
    return (
      <p role="status" className="account-panel__signin account-panel__signin--warning">
        Signed in as {username}; the check failed: {check.message}
      </p>
    );
  }
  const confirmed = check?.status === 'done' ? check.username : null;
  return (
    <div role="status" className="account-panel__signin">
      <span>Signed in as {confirmed ?? username}</span>
      {confirmed !== null ? (
        <span className="badge badge--ok account-panel__checked">confirmed by the registry</span>
      ) : null}
    </div>
  );
}
