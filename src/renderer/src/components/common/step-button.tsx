/** A small ‹ or › button that steps to the previous or next of something (a version, a match). */
export function StepButton({
  direction,
  label,
  disabled,
  onClick,
}: {
  readonly direction: 'previous' | 'next';
  /** Its accessible name and tooltip, e.g. "Previous version". */
  readonly label: string;
  readonly disabled: boolean;
  readonly onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="button button-ghost button-small"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      {direction === 'previous' ? '‹' : '›'}
    </button>
  );
}
