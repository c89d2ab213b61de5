import { TEMPORAL_UNREACHABLE_MESSAGE } from '../../../../shared/temporal-availability';
import { useAppStore } from '../../store/app-store';
import { selectActiveRunId } from '../../store/selectors';
import { selectTemporalOutage } from '../../store/temporal-selectors';
import { Icon } from '../common/icon';

/**
 * The composer's buttons: while the agent answers, "Send now" (once there is text) and Stop; otherwise
 * Send, disabled while nothing can be sent, its title saying why.
 */
export function ComposerActions(props: {
  readonly hasText: boolean;
  readonly sendDisabled: boolean;
  readonly uploading: boolean;
  readonly onSteer: () => void;
}) {
  const activeRunId = useAppStore(selectActiveRunId);
  const stopRun = useAppStore((state) => state.stopRun);
  const temporalDown = useAppStore((state) => selectTemporalOutage(state) !== undefined);
  return (
    <>
      {activeRunId && props.hasText && (
        <button
          type="button"
          className="button button-primary composer-button"
          disabled={temporalDown}
          onClick={props.onSteer}
          title="Send the message into the running answer: the agent reads it at its next step (Enter)"
        >
          <Icon name="send" /> Send now
        </button>
      )}
      {activeRunId ? (
        <button
          type="button"
          className="button button-danger composer-button"
          onClick={() => void stopRun(activeRunId)}
          title="Stop the answer (Esc)"
        >
          <Icon name="stop" /> Stop
        </button>
      ) : (
        <button
          type="submit"
          className="button button-primary composer-button"
          disabled={props.sendDisabled}
          title={
            temporalDown
              ? TEMPORAL_UNREACHABLE_MESSAGE
              : props.uploading
                ? 'Wait for the files to be attached'
                : 'Send (Enter)'
          }
        >
          <Icon name="send" /> Send
        </button>
      )}
    </>
  );
}
