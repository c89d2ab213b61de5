import type { ChatMessage } from '../../../../shared/models';
import { formatUsage, PROMPT_TOKENS_EXPLAINED } from '../../format/format-tokens';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { ReplayButton } from '../exports/replay-button';

/** An answer's usage and attempt, and Regenerate on the last finished answer. */
export function MessageFooter({
  message,
  isLast,
}: {
  readonly message: ChatMessage;
  readonly isLast: boolean;
}) {
  const regenerate = useAppStore((state) => state.regenerate);
  const canRegenerate = isLast && message.status !== 'streaming';
  const usage =
    message.usage && message.usage.totalTokens + message.usage.wastedTokens > 0 ? message.usage : undefined;
  const canReplay = message.status !== 'streaming' && message.runId !== undefined;
  if (!usage && !canRegenerate && !canReplay && message.attempt <= 1) return null;
  return (
    <div className="message-footer">
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
          onClick={() => void regenerate(message.id)}
        >
          <Icon name="refresh" size={14} /> Regenerate
        </button>
      )}
    </div>
  );
}
