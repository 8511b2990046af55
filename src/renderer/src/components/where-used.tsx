import { takesReference } from '../../../shared/references';
import type { TokenMeta } from '../../../shared/types';
import { tildePath } from '../paths';
import { useKeyport } from '../store/store-context';
import { placesOf, type UsePlace } from '../token-status';

/** `~/.npmrc:3` or `~/.npmrc` when the line is not known. */
export function placeText(place: UsePlace, home: string | null): string {
  const file = tildePath(place.file, home);
  return place.line === null ? file : `${file}:${place.line}`;
}

/**
 * Every file entry holding the token or a reference to it: what Keyport wrote and what the last
 * scan found. Plaintext entries offer "Write a reference instead", so no secret stays on disk.
 */
export function WhereUsed({ token }: { token: TokenMeta }) {
  const home = useKeyport((s) => s.home);
  const scanned = useKeyport((s) => s.scan.scanned);
  const openDialog = useKeyport((s) => s.openDialog);
  const setView = useKeyport((s) => s.setView);
  const places = placesOf(token);
  return (
    <section className="detail-section" aria-labelledby={`used-${token.id}`}>
      <h3 id={`used-${token.id}`} className="detail-section__title">
        Where used
      </h3>
      {places.length === 0 ? (
        <p className="detail-section__empty">
          In no file Keyport knows of. <em>Write to config…</em> puts it in one
          {scanned ? '.' : '; a scan finds copies made by hand.'}
        </p>
      ) : (
        <ul className="places" aria-label="Files using this token">
          {places.map((place) => (
            <li key={`${place.file}\0${place.entry}\0${place.line ?? ''}`} className="place">
              <div className="place__text">
                <span className="mono place__file" title={place.file}>
                  {placeText(place, home)}
                </span>
                <span className="mono place__entry">{place.entry}</span>
                <span className="place__meta">
                  <span className={`pill pill--${place.reference ? 'ok' : 'warning'}`}>
                    {place.reference ? 'reference' : 'plaintext'}
                  </span>{' '}
                  {place.source === 'written' ? 'written by Keyport' : 'found by a scan'}
                </span>
              </div>
              {!place.reference && takesReference(place.format) ? (
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Write a reference instead in ${placeText(place, home)}`}
                  onClick={() =>
                    openDialog({
                      kind: 'write-reference',
                      tokenId: token.id,
                      place,
                    })
                  }
                >
                  Write a reference instead
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!scanned ? (
        <div className="detail-section__actions">
          <button type="button" className="button button--small" onClick={() => setView('scan')}>
            Find other copies (Scan)
          </button>
        </div>
      ) : null}
    </section>
  );
}
