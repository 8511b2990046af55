import type { Account, TokenMeta } from '../../../shared/types';
import type { RegistryCheck } from '../store/keyport-store';
import { useKeyport } from '../store/store-context';
import { Spinner } from './spinner';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/**
 * What the registry says about the token: still listed, revoked elsewhere, or not checked (and
 * how to check). Keyport only knows through a signed-in account's token listing.
 */
export function RegistryState({
  token,
  check,
  account,
}: {
  token: TokenMeta;
  check: RegistryCheck | undefined;
  account: Account | undefined;
}) {
  const checking = useKeyport((s) => s.pending[`check:${token.id}`] === true);
  const checkRegistry = useKeyport((s) => s.checkRegistry);
  const openDialog = useKeyport((s) => s.openDialog);

  let text: React.ReactNode;
  let tone = 'none';
  if (check?.state === 'active') {
    tone = 'ok';
    text = `Active: the registry listed it at ${timeFormat.format(check.at)}.`;
  } else if (check?.state === 'revoked-elsewhere') {
    tone = 'expired';
    text =
      'Revoked elsewhere: the registry no longer lists it, so it no longer works. Delete it from Keyport, and from the files below.';
  } else if (account) {
    text = `Not checked yet. Keyport can ask ${account.username}’s account.`;
  } else {
    text =
      'Not checked: Keyport is not signed in to this registry. Sign in under Registries to see whether it still works.';
  }
  return (
    <section className="detail-section" aria-labelledby={`registry-${token.id}`}>
      <h3 id={`registry-${token.id}`} className="detail-section__title">
        On the registry
      </h3>
      <p className={`registry-state registry-state--${tone}`} role="status">
        {text}
      </p>
      <div className="detail-section__actions">
        {account ? (
          <button
            type="button"
            className="button button--small"
            aria-busy={checking || undefined}
            onClick={() => {
              if (!checking) void checkRegistry(token.id);
            }}
          >
            {checking ? <Spinner /> : null}
            {check ? 'Check again' : 'Check now'}
          </button>
        ) : null}
        {check?.state === 'revoked-elsewhere' ? (
          <button
            type="button"
            className="button button--small button--danger-quiet"
            onClick={() => openDialog({ kind: 'delete-token', tokenId: token.id })}
          >
            Delete from Keyport…
          </button>
        ) : null}
      </div>
    </section>
  );
}
