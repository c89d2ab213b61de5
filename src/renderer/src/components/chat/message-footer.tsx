import type { ChatMessage } from '../../../../shared/models';
import { formatUsage, PROMPT_TOKENS_EXPLAINED } from '../../format/format-tokens';
import { useAppStore } from '../../store/app-store';
import { selectActiveRunId } from '../../store/selectors';
import { Icon } from '../common/icon';
import { useReadOnlyConversation } from '../exports/read-only-notice';
import { ReplayButton } from '../exports/replay-button';
import { CopyButton } from './copy-button';
import { VersionSwitcher } from './version-switcher';

/**
 * An answer's usage and attempt, its versions, Copy, and Regenerate on the last finished answer (not in a
 * read-only imported conversation, where nothing runs again).
 */
export function MessageFooter({
  message,
  isLast,
}: {
  readonly message: ChatMessage;
  readonly isLast: boolean;
}) {
  const regenerate = useAppStore((state) => state.regenerate);
  const answering = useAppStore((state) => selectActiveRunId(state) !== undefined);
  const readOnly = useReadOnlyConversation();
  const canRegenerate = isLast && message.status !== 'streaming' && !readOnly;
  const usage =
    message.usage && message.usage.totalTokens + message.usage.wastedTokens > 0 ? message.usage : undefined;
  const canReplay = message.status !== 'streaming' && message.runId !== undefined;
  return (
    <div className="message-footer">
      <VersionSwitcher message={message} disabled={answering} />
      {message.text !== '' && <CopyButton text={() => message.text} label="Copy message" />}
      {usage && (
        <span className="usage" data-testid="message-usage" title={PROMPT_TOKENS_EXPLAINED}>
          {formatUsage(usage)}
        </span>
      )}
      {message.attempt > 1 && (
        <span
          className="attempt-tag"
          data-testid="attempt-tag"
          title="This model call was retried: the answer shown is this attempt's"
        >
          attempt {message.attempt}
        </span>
      )}
      {canReplay && message.runId && <ReplayButton runId={message.runId} />}
      {canRegenerate && (
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={answering}
          onClick={() => void regenerate(message.id)}
        >
          <Icon name="refresh" size={14} /> Regenerate
        </button>
      )}
    </div>
  );
}
