import { InputField, type BoundFieldProps } from './input-field';

/**
 * Secrets typed or pasted into a dialog: masked, and kept only in the owning dialog's state and
 * this input, never in the store, so they are gone as soon as the dialog closes, whichever way.
 * The hint says what the secret is sent for and what is (not) stored.
 */
export type SecretFieldProps = BoundFieldProps & { hint: string };

/** The registry account's password; the browser may fill it in from its password manager. */
export function PasswordField(field: SecretFieldProps) {
  return (
    <InputField
      {...field}
      label="Password"
      name="password"
      type="password"
      autoComplete="current-password"
    />
  );
}

/** A pasted registry token: monospace, never autocompleted, never spell-checked. */
export function TokenSecretField(field: SecretFieldProps) {
  return (
    <InputField
      {...field}
      label="Token"
      name="secret"
      type="password"
      autoComplete="off"
      spellCheck={false}
      className="mono"
    />
  );
}
