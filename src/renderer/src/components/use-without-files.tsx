import type { TokenMeta } from '../../../shared/types';
import { helperUses } from '../../../shared/credential-helpers';

/**
 * Clients that can ask Keyport for this token each time instead of reading it from a file (the
 * credential helpers): the setup command and the client command that shows it works.
 */
export function UseWithoutFiles({ token }: { token: TokenMeta }) {
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
              <span className="place__file">{use.client}</span>
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
          </li>
        ))}
      </ul>
    </section>
  );
}
