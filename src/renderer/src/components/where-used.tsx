import { useEffect } from 'react';
import {
  DOCKER_HELPER_CLIENTS_TEXT,
  type HelperKind,
  type HelperPlace,
} from '../../../shared/credential-helpers';
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

const HELPER_CLIENTS: Record<HelperKind, string> = {
  git: 'git',
  docker: DOCKER_HELPER_CLIENTS_TEXT,
  python: "Python's keyring",
};

const NO_HELPERS: HelperPlace[] = [];

/**
 * Every file entry holding the token or a reference to it: what Keyport wrote and what the last
 * scan found. Plaintext entries offer "Write a reference instead", so no secret stays on disk.
 * After the files, each credential helper configured to serve it (main reads the clients' files).
 */
export function WhereUsed({ token }: { token: TokenMeta }) {
  const home = useKeyport((s) => s.home);
  const scanned = useKeyport((s) => s.scan.scanned);
  const openDialog = useKeyport((s) => s.openDialog);
  const setView = useKeyport((s) => s.setView);
  const loadHelperPlaces = useKeyport((s) => s.loadHelperPlaces);
  const helpers = useKeyport((s) => s.helperPlaces[token.id] ?? NO_HELPERS);
  useEffect(() => void loadHelperPlaces(token.id), [loadHelperPlaces, token.id]);
  const places = placesOf(token);
  return (
    <section className="detail-section" aria-labelledby={`used-${token.id}`}>
      <h3 id={`used-${token.id}`} className="detail-section__title">
        Where used
      </h3>
      {places.length === 0 && helpers.length === 0 ? (
        <p className="detail-section__empty">
          In no file Keyport knows of. <em>Write to config…</em> puts it in one
          {scanned ? '.' : '; a scan finds copies made by hand.'}
        </p>
      ) : null}
      {places.length > 0 ? (
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
      ) : null}
      {helpers.length > 0 ? (
        <ul className="places" aria-label="Credential helpers serving this token">
          {helpers.map((h) => (
            <li key={`${h.helper}\0${h.file ?? ''}\0${h.entry}`} className="place">
              <div className="place__text">
                <span className="place__file">
                  {HELPER_CLIENTS[h.helper]} · <span className="mono">{h.host}</span>
                </span>
                <span className="mono place__entry">{h.entry}</span>
                <span className="place__meta">
                  <span className="pill pill--ok">helper</span>{' '}
                  {h.file === null ? (
                    'in the OS keychain'
                  ) : (
                    <span className="mono" title={h.file}>
                      {tildePath(h.file, home)}
                    </span>
                  )}
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
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
