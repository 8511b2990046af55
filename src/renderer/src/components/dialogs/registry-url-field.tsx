import { InputField, type BoundFieldProps } from './input-field';

export interface RegistryUrlFieldProps extends BoundFieldProps {
  /**
   * Where nothing may be filled in beforehand (an import from a file that names no URL): the
   * field is marked required and, while empty, shows how a URL starts.
   */
  required?: boolean;
  /** A host without https:// is accepted (and completed by the dialog): a text field, not url. */
  lenient?: boolean;
}

/** The registry a token or account belongs to; the schema checks it, the browser only types it. */
export function RegistryUrlField({
  required = false,
  lenient = false,
  ...field
}: RegistryUrlFieldProps) {
  return (
    <InputField
      {...field}
      label="Registry URL"
      name="registry"
      type={lenient ? 'text' : 'url'}
      required={required}
      autoComplete="off"
      spellCheck={false}
      placeholder={lenient ? 'registry.npmjs.org' : required ? 'https://' : undefined}
    />
  );
}
