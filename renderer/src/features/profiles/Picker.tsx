export interface PickerOption {
  value: string;
  label: string;
}

/**
 * A select over what Marketo reported (after Load from Marketo), else a text input. A value the
 * catalog does not know stays selectable and says so, so loading never silently changes a mapping.
 */
export function Picker(props: {
  value: string;
  options: PickerOption[] | null;
  onChange(value: string): void;
  label: string;
  placeholder?: string;
  testId?: string;
}) {
  const { value, options, onChange, label, placeholder, testId } = props;
  if (!options) {
    return (
      <input
        value={value}
        placeholder={placeholder}
        aria-label={label}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    );
  }
  const known = options.some((o) => o.value === value);
  return (
    <select value={value} aria-label={label} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      {!known && <option value={value}>{value === '' ? 'Choose…' : `${value} (not in Marketo)`}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
