import { FormField } from './form-field';

export interface OtpFieldProps {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

/**
 * Shown only after the registry answered OTP_REQUIRED; it takes focus as it appears, since the
 * next thing to do is type the code. The code lives in the dialog's state, like the password.
 * While the registry's own sentence asks for the code, a dialog passes no `error`: "Enter the
 * one-time password." waits for a submit without one.
 */
export function OtpField({ value, onChange, error }: OtpFieldProps) {
  return (
    <FormField
      label="One-time password"
      hint="The code from your authenticator app; the same request is sent again with it."
      error={error}
    >
      {(control) => (
        <input
          {...control}
          name="otp"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          className="mono"
          // It appears in answer to the user's own submit: moving focus there is expected.
          autoFocus
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

/** The OTP to send: none until asked for, then the typed code (an empty one is an error). */
export function otpPart(needed: boolean, otp: string): { otp?: string } {
  return needed ? { otp: otp.trim() } : {};
}

/** The field error for an empty code, in words clearer than the schema's "looks wrong". */
export function otpError(needed: boolean, otp: string): string | undefined {
  return needed && otp.trim() === '' ? 'Enter the one-time password.' : undefined;
}
