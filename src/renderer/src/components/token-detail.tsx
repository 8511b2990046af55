import { useId } from 'react';
import { refusalText } from '../../../shared/refusal-text';
import type { HelperRefusal, TokenMeta } from '../../../shared/types';
import { formatDate } from '../format';
import { useKeyport } from '../store/store-context';
import { tokenStatus } from '../token-status';
import { BackButton } from './back-button';
import { EcoIcon } from './eco-icon';
import { RegistryState } from './registry-state';
import { Spinner } from './spinner';
import { UseWithoutFiles } from './use-without-files';
import { WhereUsed } from './where-used';

const ORIGIN_TEXT: Record<TokenMeta['origin'], string> = {
  pasted: 'Pasted into Keyport',
  created: 'Created by Keyport on the registry',
  imported: 'Imported from a config file',
};

/** "Refused by git on HOST at TIME", the sentence `keyport list` prints, as a sentence. */
function refusalSentence(refusal: HelperRefusal): string {
  const text = refusalText(refusal);
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/** Why Rotate cannot apply to this token, or null when it can. */
export function rotateBlocker(token: TokenMeta): string | null {
  if (token.status === 'secret-missing') return 'its value is missing from the keychain.';
  if (token.remoteKey === undefined) {
    return 'it needs a token Keyport created or matched through a registry account.';
  }
  return null;
}

/**
 * The selected token: its value (Reveal, Copy), what Keyport knows about it, where it is used,
 * what its registry says, and the actions, in the header. In a narrow window it is pushed over
 * the list, with Back.
 */
export function TokenDetail({ token, narrow }: { token: TokenMeta; narrow: boolean }) {
  const now = useKeyport((s) => s.now);
  const check = useKeyport((s) => s.registryChecks[token.id]);
  const openDialog = useKeyport((s) => s.openDialog);
  const closeDetail = useKeyport((s) => s.closeDetail);
  const account = useKeyport((s) => s.accountFor(token.registry));
  const rotateReasonId = useId();
  const revokeReasonId = useId();
  const status = tokenStatus(token, now, check);
  const rotateWhy = rotateBlocker(token);
  const revokeWhy =
    token.remoteKey === undefined
      ? 'Keyport does not know its key on the registry; use the registry’s own page.'
      : account === undefined
        ? 'sign in to this registry under Registries first.'
        : null;

  return (
    <section className="detail" aria-labelledby="token-detail-title">
      <header className="detail__header">
        <div className="detail__title-row">
          {narrow ? <BackButton label="Back to tokens" onBack={closeDetail} /> : null}
          <EcoIcon ecosystem={token.ecosystem} size={36} />
          <div className="detail__titles">
            <h2 id="token-detail-title" className="detail__title" tabIndex={-1}>
              {token.label}
            </h2>
            <p className="detail__subtitle">{token.registry}</p>
          </div>
          <span className={`pill pill--${status.tone}`}>{status.text}</span>
        </div>
        <div className="detail__actions" role="toolbar" aria-label="Token actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => openDialog({ kind: 'write-config', tokenId: token.id })}
          >
            Write to config…
          </button>
          <button
            type="button"
            className="button"
            aria-disabled={rotateWhy !== null || undefined}
            aria-describedby={rotateWhy ? rotateReasonId : undefined}
            onClick={() => {
              if (!rotateWhy) openDialog({ kind: 'rotate-token', tokenId: token.id });
            }}
          >
            Rotate…
          </button>
          <button
            type="button"
            className="button"
            onClick={() => openDialog({ kind: 'edit-token', tokenId: token.id })}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button--danger-quiet"
            aria-disabled={revokeWhy !== null || undefined}
            aria-describedby={revokeWhy ? revokeReasonId : undefined}
            onClick={() => {
              if (!revokeWhy && account && token.remoteKey) {
                openDialog({
                  kind: 'revoke-tokens',
                  accountId: account.id,
                  keys: [token.remoteKey],
                });
              }
            }}
          >
            Revoke on registry…
          </button>
          <button
            type="button"
            className="button button--danger-quiet"
            onClick={() => openDialog({ kind: 'delete-token', tokenId: token.id })}
          >
            Delete from Keyport…
          </button>
        </div>
        {rotateWhy || revokeWhy ? (
          <div className="detail__reasons">
            {rotateWhy ? <p id={rotateReasonId}>Rotate: {rotateWhy}</p> : null}
            {revokeWhy ? <p id={revokeReasonId}>Revoke: {revokeWhy}</p> : null}
          </div>
        ) : null}
      </header>

      <div className="detail__body">
        <ValueField token={token} />
        <dl className="facts">
          <dt>Registry</dt>
          <dd className="facts__wrap">{token.registry}</dd>
          {token.user ? (
            <>
              <dt>User</dt>
              <dd>{token.user}</dd>
            </>
          ) : null}
          <dt>Kind</dt>
          <dd>
            {token.permissions.length > 0 ? token.permissions.join(', ') : 'Unknown'}
            <span className="facts__hint"> · {ORIGIN_TEXT[token.origin]}</span>
          </dd>
          <dt>Allowed from</dt>
          <dd className="mono facts__wrap">
            {token.cidr && token.cidr.length > 0 ? token.cidr.join(', ') : 'Any address'}
          </dd>
          <dt>Expires</dt>
          <dd>
            {token.expires === null ? 'Never (or not known)' : formatDate(token.expires)}
            {token.expires !== null ? (
              <span className={`facts__hint facts__hint--${status.tone}`}> · {status.text}</span>
            ) : null}
          </dd>
          <dt>Added</dt>
          <dd>{formatDate(token.created)}</dd>
          <dt>Last used</dt>
          <dd>
            {token.lastUsed === null ? 'Not yet' : formatDate(token.lastUsed)}
            <span className="facts__hint">
              {' '}
              · last copied or written to a file by Keyport; use by your tools is not seen
            </span>
          </dd>
          {token.refused ? (
            <>
              <dt>Refused</dt>
              <dd>
                {refusalSentence(token.refused)}
                <span className="facts__hint">
                  {' '}
                  · kept and still offered; if the server no longer takes it, rotate or replace it
                </span>
              </dd>
            </>
          ) : null}
          {token.notes ? (
            <>
              <dt>Notes</dt>
              <dd className="facts__wrap facts__notes">{token.notes}</dd>
            </>
          ) : null}
        </dl>
        <RegistryState token={token} check={check} account={account} />
        <WhereUsed token={token} />
        <UseWithoutFiles token={token} />
      </div>
    </section>
  );
}

/** The value, masked like everywhere else, with Reveal/Hide and Copy beside it. */
function ValueField({ token }: { token: TokenMeta }) {
  const revealed = useKeyport((s) => (s.revealed?.id === token.id ? s.revealed.secret : null));
  const revealing = useKeyport((s) => s.pending[`reveal:${token.id}`] === true);
  const copying = useKeyport((s) => s.pending[`copy:${token.id}`] === true);
  const reveal = useKeyport((s) => s.reveal);
  const hide = useKeyport((s) => s.hide);
  const copy = useKeyport((s) => s.copy);
  const missing = token.status === 'secret-missing';
  return (
    <div className="value-field" role="group" aria-label="Value">
      <code className={revealed === null ? 'value-field__text' : 'value-field__text is-revealed'}>
        {revealed ?? token.masked}
      </code>
      <div className="value-field__actions">
        <button
          type="button"
          className="button button--small"
          aria-busy={revealing || undefined}
          aria-disabled={missing || undefined}
          onClick={() => {
            if (missing) return;
            if (revealed === null) void reveal(token.id);
            else hide();
          }}
        >
          {revealing ? <Spinner /> : null}
          {revealed === null ? 'Reveal' : 'Hide'}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-busy={copying || undefined}
          aria-disabled={missing || undefined}
          aria-keyshortcuts="Control+C"
          onClick={() => {
            if (!missing) void copy(token.id);
          }}
        >
          {copying ? <Spinner /> : null}
          Copy
        </button>
      </div>
      {missing ? (
        <p className="value-field__note">
          The keychain no longer holds this value: add the token again, or delete it.
        </p>
      ) : null}
    </div>
  );
}
