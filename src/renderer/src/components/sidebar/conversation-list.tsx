import { useAppStore } from '../../store/app-store';
import { ConversationItem } from './conversation-item';
import { useRovingFocus } from './roving-focus';

/** The conversations, most recent first — or the search hits with their snippets; one tab stop, arrow keys. */
export function ConversationList() {
  const conversations = useAppStore((state) => state.conversations);
  const hits = useAppStore((state) => state.searchHits);
  const searching = useAppStore((state) => state.searchQuery.trim() !== '');
  const selectedId = useAppStore((state) => state.selectedConversationId);
  const shown = searching && hits ? hits.map((hit) => hit.conversation) : conversations;
  const roving = useRovingFocus(
    shown.map((conversation) => conversation.id),
    selectedId,
  );
  const itemProps = (id: string) => ({
    tabbable: id === roving.currentId,
    onFocus: () => roving.onFocusItem(id),
  });
  if (searching && hits) {
    if (hits.length === 0) return <p className="list-empty">No conversation matches.</p>;
    return (
      <ul className="conversation-list" aria-label="Search results" onKeyDown={roving.onKeyDown}>
        {hits.map((hit) => (
          <ConversationItem
            key={hit.conversation.id}
            conversation={hit.conversation}
            snippet={hit.snippet}
            {...itemProps(hit.conversation.id)}
          />
        ))}
      </ul>
    );
  }
  if (conversations.length === 0)
    return <p className="list-empty">No conversations yet. Say hello to the agent.</p>;
  return (
    <ul className="conversation-list" aria-label="Conversation list" onKeyDown={roving.onKeyDown}>
      {conversations.map((conversation) => (
        <ConversationItem key={conversation.id} conversation={conversation} {...itemProps(conversation.id)} />
      ))}
    </ul>
  );
}
