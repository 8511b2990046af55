import { InputField, type BoundFieldProps } from './input-field';

export interface PlainTextFieldProps extends BoundFieldProps {
  label: string;
  name: string;
  /** Monospace, for what is read character by character (paths, CIDR ranges). */
  mono?: boolean;
}

/**
 * A one-line text field for names, ids, scopes and paths: the browser neither offers earlier
 * entries (they would be another registry's) nor underlines the text as misspelt.
 */
export function PlainTextField({ mono = false, ...field }: PlainTextFieldProps) {
  return (
    <InputField
      {...field}
      type="text"
      autoComplete="off"
      spellCheck={false}
      className={mono ? 'mono' : undefined}
    />
  );
}

/**
 * For forms kept as one object of strings: `text('Scope', 'scope', hint)` is a PlainTextField
 * showing form.scope and its error, and writing back through update.
 */
export function plainTextFieldsOf<K extends string>(
  form: Record<K, string>,
  errors: Partial<Record<K, string>>,
  update: (patch: Partial<Record<K, string>>) => void,
) {
  return function text(label: string, name: K, hint?: string) {
    return (
      <PlainTextField
        label={label}
        name={name}
        hint={hint}
        error={errors[name]}
        value={form[name]}
        onValue={(value) => update({ [name]: value } as Partial<Record<K, string>>)}
      />
    );
  };
}
