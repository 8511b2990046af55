import { FormField } from './form-field';
import type { BoundFieldProps } from './input-field';

export interface NotesFieldProps extends BoundFieldProps {
  rows: number;
}

/** Free text kept with a token; the only prose field, so the browser may spell-check it. */
export function NotesField({ value, onValue, error, rows }: NotesFieldProps) {
  return (
    <FormField label="Notes" error={error}>
      {(control) => (
        <textarea
          {...control}
          name="notes"
          rows={rows}
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
    </FormField>
  );
}
