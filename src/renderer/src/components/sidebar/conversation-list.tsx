import { useAppStore } from '../../store/app-store';
import { ConversationItem } from './conversation-item';

/** The conversations, most recent first — or the search hits with their snippets. */
export function ConversationList() {
  const conversations = useAppStore((state) => state.conversations);
  const hits = useAppStore((state) => state.searchHits);
  const searching = useAppStore((state) => state.searchQuery.trim() !== '');
  if (searching && hits) {
    if (hits.length === 0) return <p className="list-empty">No conversation matches.</p>;
    return (
      <ul className="conversation-list" aria-label="Search results">
        {hits.map((hit) => (
          <ConversationItem key={hit.conversation.id} conversation={hit.conversation} snippet={hit.snippet} />
        ))}
      </ul>
    );
  }
  if (conversations.length === 0)
    return <p className="list-empty">No conversations yet. Say hello to the agent.</p>;
  return (
    <ul className="conversation-list" aria-label="Conversation list">
      {conversations.map((conversation) => (
        <ConversationItem key={conversation.id} conversation={conversation} />
      ))}
    </ul>
  );
}
