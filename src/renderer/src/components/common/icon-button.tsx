import { Icon, type IconName } from './icon';

/** A borderless button that is only an icon: its label is its accessible name, `title` its tooltip. */
export function IconButton({
  icon,
  label,
  title,
  size = 14,
  onClick,
}: {
  readonly icon: IconName;
  readonly label: string;
  readonly title?: string;
  readonly size?: number;
  readonly onClick: () => void;
}) {
  return (
    <button type="button" className="icon-button" aria-label={label} title={title} onClick={onClick}>
      <Icon name={icon} size={size} />
    </button>
  );
}
