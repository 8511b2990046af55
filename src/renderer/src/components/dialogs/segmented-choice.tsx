export interface SegmentedChoiceProps<T extends string> {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onValue: (value: T) => void;
}

/**
 * A few mutually exclusive ways to fill in a form, as radio buttons in one fieldset: the legend
 * names the group, the arrow keys move between the options.
 */
export function SegmentedChoice<T extends string>({
  legend,
  name,
  options,
  value,
  onValue,
}: SegmentedChoiceProps<T>) {
  return (
    <fieldset className="segmented">
      <legend className="field__label">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="segmented__option">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onValue(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
