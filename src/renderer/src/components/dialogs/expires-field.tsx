import { InputField, type BoundFieldProps } from './input-field';

/** The schema cannot see a date the browser could not parse; both dialogs say this instead. */
export const EXPIRES_INVALID = 'Enter a date, or leave it empty for no expiry.';

/** A token's expiry as a date (no time): empty means it does not expire. */
export function ExpiresField(field: BoundFieldProps) {
  return <InputField {...field} label="Expires" name="expires" type="date" />;
}
