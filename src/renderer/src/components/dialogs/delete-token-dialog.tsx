import type { TokenMeta } from '../../../../shared/types';
import { useKeyport } from '../../store/store-context';
import { placesOf } from '../../token-status';
import { placeText } from '../where-used';
import { ConfirmDialog } from './confirm-dialog';

/**
 * Deleting from Keyport only: the registry keeps the token. The files that name it by reference
 * stop working; files holding the value keep working, but Keyport stops tracking them. Both are
 * listed, so nothing breaks unannounced.
 */
export function DeleteTokenDialog({ token }: { token: TokenMeta }) {
  const removeToken = useKeyport((s) => s.removeToken);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const home = useKeyport((s) => s.home);
  const places = placesOf(token);
  const breaking = places.filter((p) => p.reference);
  const plaintext = places.filter((p) => !p.reference);
  return (
    <ConfirmDialog
      title="Delete token"
      message={
        <>
          <p>
            Delete <strong>{token.label}</strong> (<span className="mono">{token.masked}</span>)
            from Keyport? Its value is removed from the keychain; the registry still accepts it (use
            Revoke for that). Undo is offered for a few seconds (Ctrl+Z).
          </p>
          {breaking.length > 0 ? (
            <>
              <p className="confirm__warn">
                These files name it by reference and will stop working:
              </p>
              <ul className="confirm__files" aria-label="Files that will break">
                {breaking.map((p) => (
                  <li key={`${p.file}\0${p.entry}`} className="mono">
                    {placeText(p, home)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {plaintext.length > 0 ? (
            <>
              <p>These files hold the value itself; they keep working, untracked:</p>
              <ul className="confirm__files" aria-label="Files that keep the value">
                {plaintext.map((p) => (
                  <li key={`${p.file}\0${p.entry}\0${p.line ?? ''}`} className="mono">
                    {placeText(p, home)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {places.length === 0 ? <p>No file Keyport knows of uses it.</p> : null}
        </>
      }
      confirmLabel="Delete"
      busyLabel="Deleting…"
      destructive
      onConfirm={() => removeToken(token.id)}
      onClose={closeDialog}
    />
  );
}
