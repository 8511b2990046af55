import { useDeferredValue, useMemo } from 'react';
import { useKeyport } from '../store/store-context';
import { effectiveSort, expiringSoonCount, visibleTokens } from '../store/visible-tokens';
import { EmptyState } from './empty-state';
import { ListFrame } from './list-frame';
import { OpenDialogButton } from './open-dialog-button';
import { TokenList } from './token-list';

export function TokensView() {
  const tokens = useKeyport((s) => s.tokens);
  const listStatus = useKeyport((s) => s.listStatus);
  const ecosystem = useKeyport((s) => s.ecosystem);
  const sort = useKeyport((s) => effectiveSort(s.sortChoice, expiringSoonCount(s.tokens, s.now)));
  const expiringOnly = useKeyport((s) => s.expiringOnly);
  const now = useKeyport((s) => s.now);
  // Typing stays responsive with 10,000 tokens: filtering lags a keystroke behind if it must.
  const query = useDeferredValue(useKeyport((s) => s.query));
  const clearFilters = useKeyport((s) => s.clearFilters);
  const refresh = useKeyport((s) => s.refresh);

  const shown = useMemo(
    () => visibleTokens(tokens, query, ecosystem, sort, { only: expiringOnly, now }),
    [tokens, query, ecosystem, sort, expiringOnly, now],
  );

  return (
    <ListFrame
      status={listStatus}
      noun="tokens"
      count={tokens.length}
      onRetry={() => void refresh()}
      empty={{
        title: 'No tokens yet',
        text: 'Paste a registry token once; Keyport keeps it in your system keychain and shows it masked.',
        action: (
          <OpenDialogButton primary dialog={{ kind: 'add-token' }}>
            Add your first token
          </OpenDialogButton>
        ),
      }}
    >
      {shown.length === 0 ? (
        <EmptyState
          title="No matches"
          action={
            <button type="button" className="button" onClick={clearFilters}>
              Clear search
            </button>
          }
        >
          No token matches the search and filter.
        </EmptyState>
      ) : (
        <>
          <p className="list-summary" aria-live="polite">
            {shown.length === tokens.length
              ? `${tokens.length} ${tokens.length === 1 ? 'token' : 'tokens'}`
              : `${shown.length} of ${tokens.length} tokens`}
          </p>
          <div className="list-header" aria-hidden="true">
            <span>Token</span>
            <span>Ecosystem</span>
            <span>Value</span>
            <span>Dates</span>
            <span>Status</span>
            <span />
          </div>
          <TokenList tokens={shown} />
        </>
      )}
    </ListFrame>
  );
}
