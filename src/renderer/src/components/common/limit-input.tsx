/** One budget limit as typed: a labelled text field, empty for no limit. */
export function LimitInput({
  label,
  value,
  decimal = false,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  /** Cost takes decimals; tokens and tool calls are whole numbers. */
  readonly decimal?: boolean;
  readonly onChange: (value: string) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <input
        inputMode={decimal ? 'decimal' : 'numeric'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="no limit"
      />
    </label>
  );
}
