import { InputField, type BoundFieldProps } from './input-field';

export interface RegistryUrlFieldProps extends BoundFieldProps {
  /**
   * Where nothing may be filled in beforehand (an import from a file that names no URL): the
   * field is marked required and, while empty, shows how a URL starts.
   */
  required?: boolean;
}

/** The registry a token or account belongs to; the schema checks it, the browser only types it. */
export function RegistryUrlField({ required = false, ...field }: RegistryUrlFieldProps) {
  return (
    <InputField
      {...field}
      label="Registry URL"
      name="registry"
      type="url"
      required={required}
      autoComplete="off"
      spellCheck={false}
      placeholder={required ? 'https://' : undefined}
    />
  );
}
