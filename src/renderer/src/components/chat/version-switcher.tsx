import type { ChatMessage } from '../../../../shared/models';
import { useAppStore } from '../../store/app-store';
import { StepButton } from '../common/step-button';

/** "Previous version" / "2 / 2" / "Next version" at a message with several versions (edits, regenerations). */
export function VersionSwitcher({
  message,
  disabled,
}: {
  readonly message: ChatMessage;
  readonly disabled: boolean;
}) {
  const showVersion = useAppStore((state) => state.showVersion);
  const versions = message.versionIds;
  if (!versions || versions.length < 2) return null;
  const index = versions.indexOf(message.id);
  const previous = versions[index - 1];
  const next = versions[index + 1];
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form's fieldset
    <div className="version-switcher" role="group" aria-label="Versions">
      <StepButton
        direction="previous"
        label="Previous version"
        disabled={disabled || previous === undefined}
        onClick={() => previous && void showVersion(previous)}
      />
      <span className="version-counter" data-testid="version-counter">
        {index + 1} / {versions.length}
      </span>
      <StepButton
        direction="next"
        label="Next version"
        disabled={disabled || next === undefined}
        onClick={() => next && void showVersion(next)}
      />
    </div>
  );
}
