import type { InputHTMLAttributes, Ref } from 'react';
import { FormField } from './form-field';

/** What every text field takes from its dialog: the fields are controlled by the dialog's state. */
export interface BoundFieldProps {
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

export interface InputFieldProps
  extends
    BoundFieldProps,
    Omit<
      InputHTMLAttributes<HTMLInputElement>,
      'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby'
    > {
  label: string;
  ref?: Ref<HTMLInputElement>;
}

/**
 * An <input> inside a FormField: the label, hint and error wiring comes from FormField, every
 * other attribute is the caller's, so each field keeps exactly the attributes it had inline.
 */
export function InputField({ label, hint, error, onValue, ...input }: InputFieldProps) {
  return (
    <FormField label={label} hint={hint} error={error}>
      {(control) => <input {...control} {...input} onChange={(e) => onValue(e.target.value)} />}
    </FormField>
  );
}
