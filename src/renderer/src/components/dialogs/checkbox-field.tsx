import type { ReactNode } from 'react';

export interface CheckboxFieldProps {
  checked: boolean;
  onChecked: (checked: boolean) => void;
  name?: string;
  children: ReactNode;
}

/** A checkbox whose text is its label, so a click anywhere on the text toggles it. */
export function CheckboxField({ checked, onChecked, name, children }: CheckboxFieldProps) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        {...(name ? { name } : {})}
        checked={checked}
        onChange={(e) => onChecked(e.target.checked)}
      />
      {children}
    </label>
  );
}
