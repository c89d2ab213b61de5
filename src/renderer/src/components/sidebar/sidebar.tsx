import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { ImportButton } from '../exports/import-button';
import { ConversationList } from './conversation-list';
import { ConversationSearch } from './conversation-search';
import { RunInbox } from './run-inbox';
import { SidebarFooter } from './sidebar-footer';

/** Left column: new conversation, search, the conversations, then guide / settings / theme. */
export function Sidebar() {
  const selectConversation = useAppStore((state) => state.selectConversation);
  return (
    <nav className="sidebar" aria-label="Conversations">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-name">Durable Agent</span>
      </div>
      <button
        type="button"
        className="button button-primary new-conversation"
        onClick={() => void selectConversation(undefined)}
      >
        <Icon name="plus" /> New conversation
      </button>
      <ImportButton />
      <ConversationSearch />
      <RunInbox />
      <ConversationList />
      <SidebarFooter />
    </nav>
  );
}
