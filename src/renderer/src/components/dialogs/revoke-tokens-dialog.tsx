import { CheckboxField } from './checkbox-field';
import { useState } from 'react';
import type { Account, RemoteRow } from '../../../../shared/types';
import { errorInfoOf, failureText } from '../../api';
import { formatDate } from '../../format';
import { oneMask } from '../../mask';
import { placesOf } from '../../token-status';
import { placeText } from '../where-used';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { DialogActions } from './dialog-actions';
import { OtpField, otpError, otpPart } from './otp-field';
import { useOperation } from './use-operation';

/** One empty listing, so the selector answers the same value while nothing is listed. */
const NO_ROWS: RemoteRow[] = [];

/**
 * Confirms revoking the selected remote tokens, naming each one (label when Keyport holds it,
 * the registry's masked value, created). Removing the local copies is the default: a revoked
 * token is of no use, and keeping it only invites a confusing failure later.
 */
export function RevokeTokensDialog({ account, keys }: { account: Account; keys: string[] }) {
  const rows = useKeyport((s) => (s.remote?.accountId === account.id ? s.remote.rows : NO_ROWS));
  const tokens = useKeyport((s) => s.tokens);
  const home = useKeyport((s) => s.home);
  const revokeRemoteTokens = useKeyport((s) => s.revokeRemoteTokens);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const operation = useOperation();
  const [removeLocal, setRemoveLocal] = useState(true);
  const [removeFromConfigs, setRemoveFromConfigs] = useState(true);
  const [needOtp, setNeedOtp] = useState(false);
  const [otp, setOtp] = useState('');
  const [otpInvalid, setOtpInvalid] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Captured when the dialog opened: a refresh underneath must not change what is confirmed.
  // From Tokens the account's listing may not be loaded: the vault token stands in for it.
  const [chosen] = useState(() =>
    keys.flatMap((key) => {
      const row = rows.find((r) => r.remote?.key === key);
      const local = row?.local ?? tokens.find((t) => t.remoteKey === key);
      if (!row?.remote && !local) return [];
      const masked = local?.masked ?? oneMask(row?.remote?.masked ?? '');
      const created = row?.remote?.created ?? local?.created ?? null;
      return [{ key, masked, created, label: local?.label ?? null, local }];
    }),
  );
  // Every file entry holding one of them: these stop working once the registry revokes it.
  const breaking = chosen.flatMap(({ local }) =>
    local ? placesOf(local).map((place) => placeText(place, home)) : [],
  );

  const revoke = async () => {
    if (busy) return;
    const missing = otpError(needOtp, otp);
    setOtpInvalid(missing);
    if (missing) return;
    setBusy(true);
    setFailure(null);
    try {
      await operation((opId) =>
        revokeRemoteTokens({
          accountId: account.id,
          keys: chosen.map((c) => c.key),
          removeLocal,
          removeFromConfigs,
          ...otpPart(needOtp, otp),
          opId,
        }),
      );
      closeDialog();
    } catch (err) {
      if (errorInfoOf(err).code === 'OTP_REQUIRED') setNeedOtp(true);
      setFailure(failureText(err));
      setBusy(false);
    }
  };

  const count = chosen.length;
  return (
    <Dialog
      title={count === 1 ? 'Revoke token' : 'Revoke tokens'}
      role="alertdialog"
      description={
        <>
          Revoke {count === 1 ? 'this token' : `these ${count} tokens`} on {account.registry}?
          Programs using {count === 1 ? 'it' : 'them'} stop working; this cannot be undone.
        </>
      }
      onClose={closeDialog}
    >
      <ul className="revoke-list" aria-label="Tokens to revoke">
        {chosen.map(({ key, masked, created, label }) => (
          <li key={key} className="revoke-list__item">
            {label !== null ? <strong>{label}</strong> : <em>Not in Keyport</em>}{' '}
            <span className="mono">{masked}</span>{' '}
            <span className="revoke-list__date">created {formatDate(created)}</span>
          </li>
        ))}
      </ul>
      {breaking.length > 0 ? (
        <>
          <p className="confirm__warn">
            These files use {count === 1 ? 'it' : 'them'} and will stop working:
          </p>
          <ul className="confirm__files" aria-label="Files that will break">
            {breaking.map((place) => (
              <li key={place} className="mono">
                {place}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <CheckboxField checked={removeLocal} onChecked={setRemoveLocal}>
        Also remove from Keyport
      </CheckboxField>
      <CheckboxField checked={removeFromConfigs} onChecked={setRemoveFromConfigs}>
        Also remove from the config files Keyport wrote {count === 1 ? 'it' : 'them'} to
      </CheckboxField>
      {needOtp ? <OtpField value={otp} onChange={setOtp} error={otpInvalid} /> : null}
      <DialogActions
        failure={failure}
        busy={busy}
        label="Revoke"
        busyLabel="Revoking…"
        destructive
        cancelFirst
        disabled={count === 0}
        onCancel={closeDialog}
        onConfirm={() => void revoke()}
      />
    </Dialog>
  );
}
