import { useState } from 'react';
import { requestSchemas, type RequestOf } from '../../../../shared/ipc-contract';
import { errorInfoOf } from '../../api';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { DialogActions } from './dialog-actions';
import { FormField } from './form-field';
import { validateWith, type FieldErrors } from './form-errors';
import { OtpField, otpError, otpPart } from './otp-field';
import { useDialogForm } from './use-dialog-form';
import { useOperation } from './use-operation';

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

type Mode = 'sign-in' | 'paste';
type AccountField = 'registry' | 'username' | 'password' | 'otp' | 'secret';
type Request =
  | { mode: 'sign-in'; body: Omit<RequestOf<'accounts:sign-in'>, 'opId'> }
  | { mode: 'paste'; body: Omit<RequestOf<'accounts:add-token'>, 'opId'> };

/**
 * Adds a registry account by signing in (user name + password, and a one-time password when the
 * registry asks for one) or by pasting a token it already accepts. Password, token and code live
 * only in this component's state: they go to main with the one request and vanish on close.
 */
export function AddAccountDialog() {
  const signIn = useKeyport((s) => s.signIn);
  const addAccountToken = useKeyport((s) => s.addAccountToken);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const operation = useOperation();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [registry, setRegistry] = useState(DEFAULT_REGISTRY);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [secret, setSecret] = useState('');
  const [otp, setOtp] = useState('');
  const [needOtp, setNeedOtp] = useState(false);

  const validate = () => {
    if (mode === 'paste') {
      const body = { registry, secret };
      const errors: FieldErrors<AccountField> = validateWith(
        requestSchemas['accounts:add-token'],
        body,
      );
      const request: Request = { mode, body };
      return { request, errors };
    }
    const body = { registry, username, password, ...otpPart(needOtp, otp) };
    const errors: FieldErrors<AccountField> = validateWith(
      requestSchemas['accounts:sign-in'],
      body,
    );
    const missingOtp = otpError(needOtp, otp);
    if (missingOtp) errors.otp = missingOtp;
    const request: Request = { mode, body };
    return { request, errors };
  };

  const { formRef, errors, busy, failure, onSubmit } = useDialogForm({
    validate,
    send: async (request: Request) => {
      try {
        if (request.mode === 'paste') {
          await operation((opId) => addAccountToken({ ...request.body, opId }));
        } else {
          await operation((opId) => signIn({ ...request.body, opId }));
        }
        closeDialog();
      } catch (err) {
        // The registry wants a second factor: ask for it, then send the same request again.
        if (request.mode === 'sign-in' && errorInfoOf(err).code === 'OTP_REQUIRED') {
          setNeedOtp(true);
        }
        throw err;
      }
    },
  });

  const switchMode = (next: Mode) => {
    setMode(next);
    // Only the chosen way's secret is kept.
    if (next === 'paste') setPassword('');
    else setSecret('');
    setNeedOtp(false);
    setOtp('');
  };

  return (
    <Dialog title="Add account" onClose={closeDialog} className="dialog--form">
      <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <fieldset className="segmented">
          <legend className="field__label">Method</legend>
          <label className="segmented__option">
            <input
              type="radio"
              name="mode"
              value="sign-in"
              checked={mode === 'sign-in'}
              onChange={() => switchMode('sign-in')}
            />
            Sign in
          </label>
          <label className="segmented__option">
            <input
              type="radio"
              name="mode"
              value="paste"
              checked={mode === 'paste'}
              onChange={() => switchMode('paste')}
            />
            Paste token
          </label>
        </fieldset>
        <FormField label="Registry URL" error={errors.registry}>
          {(control) => (
            <input
              {...control}
              name="registry"
              type="url"
              autoComplete="off"
              spellCheck={false}
              value={registry}
              onChange={(e) => setRegistry(e.target.value)}
            />
          )}
        </FormField>
        {mode === 'sign-in' ? (
          <>
            <FormField label="User name" error={errors.username}>
              {(control) => (
                <input
                  {...control}
                  name="username"
                  type="text"
                  autoComplete="username"
                  spellCheck={false}
                  data-autofocus
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                />
              )}
            </FormField>
            <FormField
              label="Password"
              hint="Sent once to sign in; Keyport keeps only the session token it gets back."
              error={errors.password}
            >
              {(control) => (
                <input
                  {...control}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </FormField>
            {needOtp ? <OtpField value={otp} onChange={setOtp} error={errors.otp} /> : null}
          </>
        ) : (
          <FormField
            label="Token"
            hint="Checked with the registry, then stored in your system keychain."
            error={errors.secret}
          >
            {(control) => (
              <input
                {...control}
                name="secret"
                type="password"
                autoComplete="off"
                spellCheck={false}
                className="mono"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
            )}
          </FormField>
        )}
        <DialogActions
          failure={failure}
          busy={busy}
          label={mode === 'sign-in' ? 'Sign in' : 'Add'}
          busyLabel={mode === 'sign-in' ? 'Signing in…' : 'Adding…'}
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
