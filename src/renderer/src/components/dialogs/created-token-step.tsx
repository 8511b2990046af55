import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../../shared/ipc-contract';
import type { TokenKind } from '../../../../shared/token-kinds';
import { useKeyport } from '../../store/store-context';
import { FailureAlert } from '../failure-alert';
import { OpenDialogButton } from '../open-dialog-button';
import { Spinner } from '../spinner';
import { FormField } from './form-field';

/**
 * The one time the new secret is on screen. It lives in the create dialog's state only, so it is
 * gone once the dialog closes; afterwards Reveal on the stored copy is the only way to see it.
 * Copy goes through main (which clears the clipboard later) unless the keychain refused the
 * token, in which case the page's clipboard is the user's last chance to keep it.
 */
/** What the registry made differs from what was asked: say it, in words. */
export function downgradeOf(
  requested: TokenKind,
  made: ResponseOf<'remote:create'>['created'],
): string | null {
  if (requested === 'granular' && made.name === undefined) {
    return `The registry made a plain ${made.readonly ? 'read-only' : 'publish'} token instead of a granular one (it does not support granular tokens), without the package, scope or expiry limits asked for.${made.readonly ? '' : ' It can publish every package of the account.'}`;
  }
  if (requested === 'read-only' && !made.readonly) {
    return 'The registry made a publish token although read-only was asked for: it can publish packages.';
  }
  return null;
}

export function CreatedTokenStep({
  created,
  label,
  requested,
}: {
  created: ResponseOf<'remote:create'>;
  label: string;
  /** The kind the user asked for, to compare with what the registry made. */
  requested: TokenKind;
}) {
  const copy = useKeyport((s) => s.copy);
  const notify = useKeyport((s) => s.notify);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const storedId = created.token?.id;
  const copyingStored = useKeyport((s) =>
    storedId === undefined ? false : s.pending[`copy:${storedId}`] === true,
  );
  const [copyingHere, setCopyingHere] = useState(false);
  const [copyFailure, setCopyFailure] = useState<string | null>(null);
  // Said here: the toast waits until the dialog closes.
  const [copied, setCopied] = useState<string | null>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const copying = copyingStored || copyingHere;
  const downgrade = downgradeOf(requested, created.created);

  // The form that had focus is gone; the next thing to do is copy.
  useEffect(() => copyRef.current?.focus(), []);

  const onCopy = async () => {
    if (copying) return;
    setCopyFailure(null);
    if (storedId !== undefined) {
      const seconds = await copy(storedId);
      if (seconds !== null) setCopied(`Copied — the clipboard clears in ${seconds} s`);
      return;
    }
    setCopyingHere(true);
    try {
      await navigator.clipboard.writeText(created.secret);
      const text = 'Copied — Keyport cannot clear this copy; clear the clipboard when done';
      setCopied(text);
      notify(text);
    } catch {
      setCopyFailure('The clipboard is not available: select the token and copy it by hand.');
    } finally {
      setCopyingHere(false);
    }
  };

  return (
    <div className="created-token">
      {created.storeError ? (
        <div role="alert" className="form-error created-token__warning">
          <strong>Copy it now: Keyport could not store it</strong>
          <p className="created-token__reason">{created.storeError.message}</p>
        </div>
      ) : (
        <p className="dialog__description">
          Stored in your keychain as “{created.token?.label ?? label}”. Copy it now if you need it
          elsewhere; later, Reveal and Copy in Tokens use the stored copy.
        </p>
      )}
      {downgrade ? (
        <p role="note" className="form-error created-token__downgrade">
          {downgrade}
        </p>
      ) : null}
      <FormField
        label="New token"
        hint="The registry will not show it again; Keyport keeps a copy."
      >
        {(control) => (
          <input
            {...control}
            type="text"
            readOnly
            spellCheck={false}
            autoComplete="off"
            className="mono created-token__secret"
            value={created.secret}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
      </FormField>
      <FailureAlert message={copyFailure} />
      <p role="status" className="created-token__copied">
        {copied}
      </p>
      <div className="dialog__actions">
        <button
          ref={copyRef}
          type="button"
          className="button"
          aria-busy={copying || undefined}
          onClick={() => void onCopy()}
        >
          {copying ? <Spinner /> : null}
          Copy
        </button>
        {storedId !== undefined ? (
          <OpenDialogButton dialog={{ kind: 'write-config', tokenId: storedId }}>
            Write to config…
          </OpenDialogButton>
        ) : null}
        <button type="button" className="button button--primary" onClick={closeDialog}>
          Done
        </button>
      </div>
    </div>
  );
}
