import { formatCount, PROMPT_TOKENS_EXPLAINED, spentApart } from '../../format/format-tokens';
import { useAppStore } from '../../store/app-store';
import { selectSelectedConversation } from '../../store/selectors';

/** The conversation's title and its token totals: the answers' own, then failed attempts and Stops apart. */
export function ChatHeader() {
  const conversation = useAppStore(selectSelectedConversation);
  const openDialog = useAppStore((state) => state.openDialog);
  if (!conversation) {
    return (
      <header className="chat-header">
        <h1 className="chat-title">New conversation</h1>
      </header>
    );
  }
  const { usage } = conversation;
  const { failed, stopped } = spentApart(usage);
  return (
    <header className="chat-header">
      <h1 className="chat-title">{conversation.title}</h1>
      <button
        type="button"
        className="button button-small"
        onClick={() => openDialog('conversation-settings')}
        title={`System prompt: ${conversation.systemPrompt === undefined ? 'the default' : 'its own'}; model: ${conversation.model ?? 'the default'}`}
      >
        Conversation settings
      </button>
      <div className="chat-totals" data-testid="conversation-totals">
        <span
          title={`Prompt + completion tokens of every answer in this conversation. ${PROMPT_TOKENS_EXPLAINED}`}
        >
          {formatCount(usage.totalTokens)} tokens
        </span>
        <span
          className={failed > 0 ? 'wasted is-wasted' : 'wasted'}
          data-testid="failed-attempt-tokens"
          title="Tokens of model-call attempts that failed and were retried (e.g. a worker was killed mid-answer)"
        >
          {formatCount(failed)} on failed attempts
        </span>
        {stopped > 0 && (
          <span className="wasted" title="Tokens of model calls you stopped (their partial text is kept)">
            {formatCount(stopped)} stopped
          </span>
        )}
      </div>
    </header>
  );
}
