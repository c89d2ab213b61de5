/** One choice of a `ChoiceSelect`: the value it sets and the words shown. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A <select> of `choices` in order (a leading "default" choice included), telling the chosen value. */
export function ChoiceSelect({
  value,
  choices,
  onChange,
}: {
  readonly value: string;
  readonly choices: readonly Choice[];
  readonly onChange: (value: string) => void;
}) {
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)}>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
