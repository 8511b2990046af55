import { memo, useId } from 'react';
import type { TokenMeta } from '../../../shared/types';
import { formatDate, plural } from '../format';
import { useKeyport } from '../store/store-context';
import { ExpiryBadge } from './expiry-badge';
import { RowAction } from './row-action';

export const ROW_HEIGHT = 64;

export interface TokenRowProps {
  token: TokenMeta;
  index: number;
  setSize: number;
  /** The row that Tab lands on (roving tabindex); the others' controls are reached by arrows. */
  active: boolean;
  start: number;
  now: number;
}

/**
 * One token. It subscribes to its own revealed value, so revealing re-renders one row, not the
 * list; the value is dropped as soon as focus leaves the row.
 */
export const TokenRow = memo(function TokenRow({
  token,
  index,
  setSize,
  active,
  start,
  now,
}: TokenRowProps) {
  const labelId = useId();
  const revealed = useKeyport((s) => (s.revealed?.id === token.id ? s.revealed.secret : null));
  const revealing = useKeyport((s) => s.pending[`reveal:${token.id}`] === true);
  const copying = useKeyport((s) => s.pending[`copy:${token.id}`] === true);
  const reveal = useKeyport((s) => s.reveal);
  const hide = useKeyport((s) => s.hide);
  const copy = useKeyport((s) => s.copy);
  const openDialog = useKeyport((s) => s.openDialog);
  const tab = active ? 0 : -1;
  // Every action is reached by the row's roving tabindex and announced with the row's label.
  const action = { tabIndex: tab, describedBy: labelId };
  const writtenFiles = new Set(token.writtenTo.map((w) => w.file)).size;
  const missing = token.status === 'secret-missing';
  // Only a token made through a registry's token API can be remade with the same settings.
  const rotatable = token.remoteKey !== undefined && !token.signIn;

  return (
    <div
      role="listitem"
      aria-label={token.label}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      tabIndex={tab}
      data-index={index}
      data-token-id={token.id}
      className={missing ? 'token-row token-row--missing' : 'token-row'}
      style={{ transform: `translateY(${start}px)` }}
      onBlur={(event) => {
        if (
          revealed !== null &&
          !event.currentTarget.contains(event.relatedTarget as Node | null)
        ) {
          hide();
        }
      }}
    >
      <div className="token-row__main">
        <span className="token-row__title">
          <span className="token-row__label" id={labelId}>
            {token.label}
          </span>
          {missing ? (
            <span
              className="badge badge--expired"
              title="The keychain no longer holds this token's value"
            >
              secret missing
            </span>
          ) : null}
        </span>
        <span className="token-row__sub">
          <span className="token-row__registry">{token.registry}</span>
          {token.user ? <span className="token-row__user"> · {token.user}</span> : null}
        </span>
      </div>
      <span className={`eco eco--${token.ecosystem}`}>{token.ecosystem}</span>
      <code className={revealed === null ? 'token-row__value' : 'token-row__value is-revealed'}>
        {revealed ?? token.masked}
      </code>
      <div className="token-row__dates">
        <span>Created {formatDate(token.created)}</span>
        <span>Last used {formatDate(token.lastUsed)}</span>
      </div>
      <div className="token-row__badges">
        <ExpiryBadge expires={token.expires} now={now} />
        <WrittenTo token={token} files={writtenFiles} />
        <UsedIn token={token} />
      </div>
      <div className="token-row__actions">
        <RowAction
          {...action}
          busy={revealing}
          onClick={() => (revealed === null ? void reveal(token.id) : hide())}
        >
          {revealed === null ? 'Reveal' : 'Hide'}
        </RowAction>
        <RowAction {...action} busy={copying} onClick={() => void copy(token.id)}>
          Copy
        </RowAction>
        <RowAction
          {...action}
          onClick={() => openDialog({ kind: 'write-config', tokenId: token.id })}
        >
          Write to config…
        </RowAction>
        {rotatable ? (
          <RowAction
            {...action}
            onClick={() => openDialog({ kind: 'rotate-token', tokenId: token.id })}
          >
            Rotate…
          </RowAction>
        ) : null}
        <RowAction
          {...action}
          onClick={() => openDialog({ kind: 'edit-token', tokenId: token.id })}
        >
          Edit
        </RowAction>
        <RowAction
          {...action}
          danger
          onClick={() => openDialog({ kind: 'delete-token', tokenId: token.id })}
        >
          Delete
        </RowAction>
      </div>
    </div>
  );
});

/**
 * Where Keyport wrote the token. The row has a fixed height (the list is virtualized), so the
 * files are listed in the tooltip and, for screen readers, in a visually hidden list.
 */
function WrittenTo({ token, files }: { token: TokenMeta; files: number }) {
  if (files === 0) return <span className="token-row__written">Not written</span>;
  return (
    <Places
      summary={`Written to ${plural(files, 'file', 'files')}`}
      places={token.writtenTo.map((w) => `${w.file} (${w.entry})`)}
    />
  );
}

/**
 * Every file entry the last scan found holding this token's value, wherever it came from (Keyport
 * or a hand edit): what breaks if the token is revoked. Listed like WrittenTo, as file:line.
 */
function UsedIn({ token }: { token: TokenMeta }) {
  const used = token.usedIn ?? [];
  if (used.length === 0) return null;
  const files = new Set(used.map((u) => u.file)).size;
  return (
    <Places
      summary={`Used in ${plural(files, 'file', 'files')}`}
      places={used.map((u) => `${u.file}:${u.line}`)}
    />
  );
}

/** A one-line summary of some places; the places themselves in the tooltip and for screen readers. */
function Places({ summary, places }: { summary: string; places: string[] }) {
  return (
    <span className="token-row__written" title={places.join('\n')}>
      <span>{summary}</span>
      <span className="visually-hidden">: {places.join('; ')}</span>
    </span>
  );
}
