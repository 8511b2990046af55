import { useDeferredValue, useEffect, useMemo } from 'react';
import { useEscapeClosesDetail } from './use-escape-closes-detail';
import { useKeyport } from '../store/store-context';
import { isListed, visibleTokens } from '../store/visible-tokens';
import { EmptyState } from './empty-state';
import { ListFrame } from './list-frame';
import { OpenDialogButton } from './open-dialog-button';
import { TokenDetail } from './token-detail';
import { TokenList } from './token-list';
import { TokenToolbar } from './token-toolbar';
import { useNarrow } from './use-narrow';

/**
 * The vault as a credential manager shows it: a narrow list and the selected token's details
 * beside it. Below ~960 px the details are pushed over the list (with Back) instead.
 */
export function TokensView() {
  const tokens = useKeyport((s) => s.tokens);
  const listStatus = useKeyport((s) => s.listStatus);
  const ecosystem = useKeyport((s) => s.ecosystem);
  const sort = useKeyport((s) => s.sortChoice);
  const expiringOnly = useKeyport((s) => s.expiringOnly);
  const now = useKeyport((s) => s.now);
  // Typing stays responsive with 10,000 tokens: filtering lags a keystroke behind if it must.
  const query = useDeferredValue(useKeyport((s) => s.query));
  const clearFilters = useKeyport((s) => s.clearFilters);
  const refresh = useKeyport((s) => s.refresh);
  const selectedId = useKeyport((s) => s.selectedTokenId);
  const detailOpen = useKeyport((s) => s.detailOpen);
  const selectToken = useKeyport((s) => s.selectToken);
  const closeDetail = useKeyport((s) => s.closeDetail);
  const narrow = useNarrow();

  const shown = useMemo(
    () => visibleTokens(tokens, query, ecosystem, sort, { only: expiringOnly, now }),
    [tokens, query, ecosystem, sort, expiringOnly, now],
  );
  const listed = useMemo(() => tokens.filter(isListed).length, [tokens]);
  const selected = shown.find((t) => t.id === selectedId) ?? null;

  // Something is always selected while there is something to show (the pane is never blank).
  useEffect(() => {
    if (selected === null && shown[0]) selectToken(shown[0].id);
  }, [selected, shown, selectToken]);

  const pushed = narrow && detailOpen && selected !== null;
  const noMatches =
    shown.length === 0 ? (
      <NoMatches
        query={query.trim()}
        filtered={ecosystem !== 'all' || expiringOnly}
        onClear={clearFilters}
      />
    ) : null;

  // Escape in the pushed details goes back to the list, as Back does.
  useEscapeClosesDetail(pushed, closeDetail);

  return (
    <ListFrame
      status={listStatus}
      noun="tokens"
      count={listed}
      onRetry={() => void refresh()}
      empty={{
        title: 'No tokens yet',
        text: 'Keyport keeps registry tokens in your system keychain and writes them into your config files. Add one you have, or let Keyport find the ones already in your config files.',
        action: <FirstRunActions />,
      }}
    >
      <div className={pushed ? 'master-detail is-pushed' : 'master-detail'}>
        {pushed ? null : (
          <div className="master">
            <TokenToolbar
              summary={
                <p className="list-summary" aria-live="polite">
                  {shown.length === listed
                    ? `${listed} ${listed === 1 ? 'token' : 'tokens'}`
                    : `${shown.length} of ${listed} tokens`}
                </p>
              }
            />
            {shown.length > 0 ? <TokenList tokens={shown} /> : narrow ? noMatches : null}
          </div>
        )}
        {selected && (!narrow || pushed) ? (
          <div className="detail-pane">
            <TokenDetail key={selected.id} token={selected} narrow={narrow} />
          </div>
        ) : shown.length === 0 && !narrow ? (
          // Side by side, "no matches" fills the details pane, which would otherwise be blank.
          <div className="detail-pane">{noMatches}</div>
        ) : null}
      </div>
    </ListFrame>
  );
}

/** The one "no matches" state: under the toolbar when narrow, else in the details pane. */
function NoMatches({
  query,
  filtered,
  onClear,
}: {
  query: string;
  filtered: boolean;
  onClear: () => void;
}) {
  return (
    <EmptyState
      title="No matches"
      action={
        <button type="button" className="button" onClick={onClear}>
          Clear search and filters
        </button>
      }
    >
      {query
        ? `No token matches “${query}”${filtered ? ' with these filters' : ''}.`
        : 'No token matches the filters.'}
    </EmptyState>
  );
}

/** The empty vault's two ways in: paste one, or find the ones already on disk. */
function FirstRunActions() {
  const setView = useKeyport((s) => s.setView);
  const runScan = useKeyport((s) => s.runScan);
  return (
    <div className="empty-state__actions">
      <OpenDialogButton primary dialog={{ kind: 'add-token' }}>
        Add a token
      </OpenDialogButton>
      <button
        type="button"
        className="button"
        onClick={() => {
          setView('scan');
          void runScan(null);
        }}
      >
        Find tokens already on this computer
      </button>
    </div>
  );
}
