/** A small outlined red button that removes something (a server, a profile, a price, a schedule). */
export function RemoveButton({
  text = 'Remove',
  onClick,
}: {
  /** What it says, e.g. "Delete" (default "Remove"). */
  readonly text?: string;
  readonly onClick: () => void;
}) {
  return (
    <button type="button" className="button button-small button-danger-outline" onClick={onClick}>
      {text}
    </button>
  );
}
