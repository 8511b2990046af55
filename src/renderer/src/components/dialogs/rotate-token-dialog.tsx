import { useCallback, useState } from 'react';
import { requestSchemas } from '../../../../shared/ipc-contract';
import type { RotatePreview, TokenMeta } from '../../../../shared/types';
import { errorInfoOf, failureText } from '../../api';
import { tildePath } from '../../paths';
import { useKeyport } from '../../store/store-context';
import { DiffView } from '../diff-view';
import { FailureAlert } from '../failure-alert';
import { RotateSteps } from '../rotate-steps';
import { Spinner } from '../spinner';
import { Dialog } from './dialog';
import { DialogActions } from './dialog-actions';
import { validateWith } from './form-errors';
import { OtpField, otpError, otpPart } from './otp-field';
import { PasswordField } from './secret-field';
import { useLoaded } from './use-loaded';
import { useOperation } from './use-operation';

interface Failure {
  message: string;
  /** False only when main says its rollback failed: then "nothing was changed" would be a lie. */
  rolledBack: boolean;
}

/**
 * Main says in `details.rolledBack` whether a failed rotation was undone completely; an error
 * without it (the request never reached the rotation, e.g. bad input) changed nothing either.
 */
function failureOf(err: unknown): Failure {
  return { message: failureText(err), rolledBack: errorInfoOf(err).details?.rolledBack !== false };
}

/**
 * "Rotate token": one confirmation for the whole change. The preview shows the account the new
 * token is made with and every file that will be rewritten (masked diffs); Rotate then creates,
 * rewrites, checks and revokes, showing each step as main reports it. A failure anywhere is
 * rolled back by main, which the message says. Cancel during the run stops it (op:cancel);
 * Escape closes the dialog, which also stops it.
 */
export function RotateTokenDialog({ token }: { token: TokenMeta }) {
  const previewRotation = useKeyport((s) => s.previewRotation);
  const rotateToken = useKeyport((s) => s.rotateToken);
  const cancelOperation = useKeyport((s) => s.cancelOperation);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const rotation = useKeyport((s) => (s.rotation?.tokenId === token.id ? s.rotation : null));
  const operation = useOperation();
  const { loaded: phase } = useLoaded(
    useCallback(() => previewRotation(token.id), [previewRotation, token.id]),
  );
  const [password, setPassword] = useState('');
  const [passwordInvalid, setPasswordInvalid] = useState<string | undefined>(undefined);
  const [needOtp, setNeedOtp] = useState(false);
  const [otp, setOtp] = useState('');
  const [otpInvalid, setOtpInvalid] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const rotate = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy || phase.kind !== 'ready') return;
    const request = {
      tokenId: token.id,
      ...(password ? { password } : {}),
      ...otpPart(needOtp, otp),
    };
    const found = validateWith<'password' | 'otp', (typeof requestSchemas)['rotate:run']>(
      requestSchemas['rotate:run'],
      request,
    );
    const missingOtp = otpError(needOtp, otp);
    setPasswordInvalid(found.password);
    setOtpInvalid(missingOtp ?? found.otp);
    if (found.password || missingOtp || found.otp) return;
    setBusy(true);
    setFailure(null);
    try {
      await operation((opId) => rotateToken({ ...request, opId }));
      // The password and code have done their job; the dialog and its state go away.
      closeDialog();
    } catch (err) {
      if (errorInfoOf(err).code === 'OTP_REQUIRED') setNeedOtp(true);
      setFailure(failureOf(err));
      setBusy(false);
    }
  };

  const onCancel = () => {
    // While it runs, Cancel means "stop the rotation"; the outcome is then shown here.
    if (busy && rotation) void cancelOperation(rotation.opId);
    else closeDialog();
  };

  return (
    <Dialog
      title="Rotate token"
      description={
        <>
          {token.label} (<span className="mono">{token.masked}</span>) on {token.registry}
        </>
      }
      onClose={closeDialog}
      className="dialog--wide"
    >
      <form noValidate onSubmit={(e) => void rotate(e)} aria-busy={busy}>
        {phase.kind === 'loading' ? (
          <p role="status" className="rotate__loading">
            <Spinner /> Loading what will change…
          </p>
        ) : null}
        {phase.kind === 'failed' ? <FailureAlert message={phase.message} /> : null}
        {phase.kind === 'ready' ? <RotatePlan preview={phase.value} /> : null}
        <PasswordField
          hint="Your registry password: most registries ask for it to create the new token. Not stored."
          error={passwordInvalid}
          value={password}
          onValue={setPassword}
        />
        {needOtp ? <OtpField value={otp} onChange={setOtp} error={otpInvalid} /> : null}
        {busy ? <RotateSteps step={rotation?.step ?? null} /> : null}
        {failure ? (
          <div role="alert" className="form-error rotate__failure">
            <p className="rotate__failure-text">{failure.message}</p>
            {failure.rolledBack ? (
              <p className="rotate__failure-note">
                Your files were not changed; the old token still works.
              </p>
            ) : null}
          </div>
        ) : null}
        <DialogActions
          failure={null}
          busy={busy}
          label="Rotate"
          busyLabel="Rotating…"
          disabled={phase.kind !== 'ready'}
          onCancel={onCancel}
        />
      </form>
    </Dialog>
  );
}

/** The account, every file with its masked diff, and the files Keyport cannot rewrite. */
function RotatePlan({ preview }: { preview: RotatePreview }) {
  const home = useKeyport((s) => s.home);
  return (
    <div className="rotate-plan">
      <p className="rotate-plan__account">
        The new token is created as <strong>{preview.account}</strong>, with the same settings; the
        old one is revoked once the new one works.
      </p>
      {preview.files.length === 0 ? (
        <p className="field__hint">
          Keyport has not written this token to any file it can rewrite.
        </p>
      ) : (
        <ul className="rotate-plan__files" aria-label="Files to rewrite">
          {preview.files.map((f) => (
            <li key={`${f.file}\0${f.entry}`} className="rotate-plan__file">
              <span className="mono">{tildePath(f.file, home)}</span> ·{' '}
              <span className="mono">{f.entry}</span>
              {f.diff.trim() === '' ? (
                <p className="field__hint">This entry gets the new value.</p>
              ) : (
                <DiffView diff={f.diff} label={`Changes to ${tildePath(f.file, home)}`} />
              )}
            </li>
          ))}
        </ul>
      )}
      {preview.skipped.length > 0 ? (
        <div className="rotate-plan__skipped">
          <p className="rotate-plan__skipped-note">
            Not rewritten: Keyport wrote the token to{' '}
            {preview.skipped.length === 1 ? 'this file' : 'these files'} before it recorded how.
            Update {preview.skipped.length === 1 ? 'it' : 'them'} by hand after the rotation.
          </p>
          <ul aria-label="Files not rewritten">
            {preview.skipped.map((file) => (
              <li key={file} className="mono">
                {tildePath(file, home)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
