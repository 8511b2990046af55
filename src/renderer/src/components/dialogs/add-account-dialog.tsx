import { useState } from 'react';
import { requestSchemas, type RequestOf } from '../../../../shared/ipc-contract';
import { errorInfoOf } from '../../api';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { DialogForm } from './dialog-form';
import { validateWith, type FieldErrors } from './form-errors';
import { InputField } from './input-field';
import { OtpField, otpError, otpPart } from './otp-field';
import { PasswordField } from './secret-field';
import { RegistryUrlField } from './registry-url-field';
import { SegmentedChoice } from './segmented-choice';
import { TokenSecretField } from './secret-field';
import { useDialogForm } from './use-dialog-form';
import { useOperation } from './use-operation';

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

type Mode = 'sign-in' | 'paste';
const MODES: readonly { value: Mode; label: string }[] = [
  { value: 'sign-in', label: 'Sign in' },
  { value: 'paste', label: 'Paste token' },
];
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

  const dialogForm = useDialogForm({
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

  const { errors } = dialogForm;

  const switchMode = (next: Mode) => {
    setMode(next);
    // Only the chosen way's secret is kept.
    if (next === 'paste') setPassword('');
    else setSecret('');
    setNeedOtp(false);
    setOtp('');
  };

  return (
    <Dialog
      title="Add account"
      onClose={closeDialog}
      className="dialog--form"
      dirty={username !== '' || password !== '' || secret !== ''}
    >
      <DialogForm
        {...dialogForm}
        label={mode === 'sign-in' ? 'Sign in' : 'Add'}
        busyLabel={mode === 'sign-in' ? 'Signing in…' : 'Adding…'}
        onCancel={closeDialog}
      >
        <SegmentedChoice
          legend="Method"
          name="mode"
          options={MODES}
          value={mode}
          onValue={switchMode}
        />
        <RegistryUrlField error={errors.registry} value={registry} onValue={setRegistry} />
        {mode === 'sign-in' ? (
          <>
            <InputField
              label="User name"
              name="username"
              type="text"
              autoComplete="username"
              spellCheck={false}
              data-autofocus
              error={errors.username}
              value={username}
              onValue={setUsername}
            />
            <PasswordField
              hint="Sent once to sign in; Keyport keeps only the session token it gets back."
              error={errors.password}
              value={password}
              onValue={setPassword}
            />
            {needOtp ? (
              <OtpField
                value={otp}
                onChange={setOtp}
                error={dialogForm.failure ? undefined : errors.otp}
              />
            ) : null}
          </>
        ) : (
          <TokenSecretField
            hint="Checked with the registry, then stored in your system keychain."
            error={errors.secret}
            value={secret}
            onValue={setSecret}
          />
        )}
      </DialogForm>
    </Dialog>
  );
}
