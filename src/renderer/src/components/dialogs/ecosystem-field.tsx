import { ECOSYSTEMS, type Ecosystem } from '../../../../shared/types';
import { SelectField } from './select-field';

export interface EcosystemFieldProps {
  value: Ecosystem;
  onValue: (value: Ecosystem) => void;
  error: string | undefined;
}

/** Which kind of registry a token is for; it decides the config formats offered for it later. */
export function EcosystemField(field: EcosystemFieldProps) {
  return <SelectField {...field} label="Ecosystem" name="ecosystem" options={ECOSYSTEMS} />;
}
