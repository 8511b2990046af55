import { InputField, type BoundFieldProps } from './input-field';

export interface LabelFieldProps extends BoundFieldProps {
  /**
   * False where the label starts as a host or file name (the import suggests one), which the
   * spell checker would only underline; otherwise the browser's default, as for any words.
   */
  spellCheck?: boolean;
}

/** How Keyport lists a token: the name the user knows it by, required by the contract. */
export function LabelField(field: LabelFieldProps) {
  return <InputField {...field} label="Label" name="label" type="text" autoComplete="off" />;
}
