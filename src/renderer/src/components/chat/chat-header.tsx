import { formatCount } from '../../format/format-tokens';
import { useAppStore } from '../../store/app-store';
import { selectSelectedConversation } from '../../store/selectors';

/** The conversation's title and its token totals, wasted tokens included. */
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
        <span title="Prompt + completion tokens of every run in this conversation">
          {formatCount(usage.totalTokens)} tokens
        </span>
        <span
          className={usage.wastedTokens > 0 ? 'wasted is-wasted' : 'wasted'}
          title="Tokens of model attempts that failed or were cancelled (e.g. a worker was killed mid-answer)"
        >
          {formatCount(usage.wastedTokens)} wasted
        </span>
      </div>
    </header>
  );
}
