/** A system prompt's text box (empty: no system prompt), under `label`, with a note on when it applies. */
export function SystemPromptField({
  label,
  value,
  rows,
  disabled,
  note,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly rows: number;
  readonly disabled?: boolean;
  readonly note: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <textarea
        rows={rows}
        value={value}
        disabled={disabled}
        placeholder="empty: no system prompt"
        onChange={(event) => onChange(event.target.value)}
      />
      <small>{note}</small>
    </label>
  );
}
