import * as v from 'valibot';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/**
 * Validates with the contract's own schema, so the dialog says exactly what main would reject,
 * in the same words; returns the first message per top-level field.
 */
export function validateWith<K extends string, S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): FieldErrors<K> {
  const result = v.safeParse(schema, input);
  if (result.success) return {};
  const errors: FieldErrors<K> = {};
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key;
    if (typeof key === 'string' && !(key in errors)) errors[key as K] = issue.message;
  }
  return errors;
}

/** Moves focus to the first invalid control, in form order (controls carry the field's `name`). */
export function focusFirstInvalid(form: HTMLFormElement | null, errors: FieldErrors<string>): void {
  if (!form) return;
  const first = Array.from(form.elements).find(
    (el): el is HTMLElement =>
      el instanceof HTMLElement && 'name' in el && typeof el.name === 'string' && el.name in errors,
  );
  first?.focus();
}
