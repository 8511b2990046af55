import { FormField } from './form-field';

export interface SelectFieldProps<T extends string> {
  label: string;
  name: string;
  value: T;
  /** In the order shown. */
  options: readonly T[];
  /** What an option reads as, where that is not its value. */
  labels?: Partial<Record<T, string>>;
  onValue: (value: T) => void;
  error?: string | undefined;
  hint?: string;
}

/** A labelled <select> over a fixed set of values; the value comes back typed, not as a string. */
export function SelectField<T extends string>({
  label,
  name,
  value,
  options,
  labels,
  onValue,
  error,
  hint,
}: SelectFieldProps<T>) {
  return (
    <FormField label={label} error={error} {...(hint ? { hint } : {})}>
      {(control) => (
        <select
          {...control}
          name={name}
          value={value}
          // Only the options above can be chosen, so the value is one of T.
          onChange={(e) => onValue(e.target.value as T)}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {labels?.[option] ?? option}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
