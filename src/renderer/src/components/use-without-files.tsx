import type { TokenMeta } from '../../../shared/types';
import { helperUses } from '../../../shared/credential-helpers';
import { useKeyport } from '../store/store-context';

/**
 * Clients that can ask Keyport for this token each time instead of reading it from a file (the
 * credential helpers): Set up… previews the change and makes it (main asks first), beside the
 * CLI's setup command and the client command that shows it works.
 */
export function UseWithoutFiles({ token }: { token: TokenMeta }) {
  const openDialog = useKeyport((s) => s.openDialog);
  // What main read from the clients' files (Where used loads it): a helper already serving it.
  const serving = useKeyport((s) => s.helperPlaces[token.id]);
  const uses = helperUses(token);
  if (uses.length === 0) return null;
  return (
    <section className="detail-section" aria-labelledby={`nofiles-${token.id}`}>
      <h3 id={`nofiles-${token.id}`} className="detail-section__title">
        Use without files
      </h3>
      <ul className="places" aria-label="Credential helpers for this token">
        {uses.map((use) => (
          <li key={use.id} className="place">
            <div className="place__text">
              <span className="place__file">
                {use.client}
                {use.id !== 'python' && serving?.some((p) => p.helper === use.id) ? (
                  <>
                    {' '}
                    <span className="pill pill--ok">set up</span>
                  </>
                ) : null}
              </span>
              <span className="place__meta">Set up:</span>
              <code className="mono place__entry">{use.setup}</code>
              <span className="place__meta">Test:</span>
              <code className="mono place__entry">{use.test}</code>
              {use.linked.length > 0 ? (
                <span className="place__meta">
                  <span className="pill pill--ok">in the keychain</span> {use.linked.join(', ')}
                </span>
              ) : null}
            </div>
            <button
              type="button"
              className="button button--small"
              aria-label={`Set up ${use.client}…`}
              onClick={() =>
                openDialog({ kind: 'helper-setup', tokenId: token.id, helper: use.id })
              }
            >
              Set up…
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
