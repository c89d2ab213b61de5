import { useAppStore } from '../../store/app-store';
import { selectSelectedMessages } from '../../store/selectors';
import { TemporalOutageBanner } from '../durability/temporal-outage-banner';
import { ReadOnlyNotice, useReadOnlyConversation } from '../exports/read-only-notice';
import { ChatHeader } from './chat-header';
import { Composer } from './composer';
import { useFileDrop } from './file-drop';
import { FindBar } from './find-bar';
import { MessageList } from './message-list';
import { Welcome } from './welcome';

/** Middle column: the selected conversation (or a new one), and the composer. */
export function ChatView() {
  const hasMessages = useAppStore((state) => selectSelectedMessages(state).length > 0);
  const readOnly = useReadOnlyConversation();
  const drop = useFileDrop(!readOnly);
  return (
    <main className={drop.over ? 'chat chat-dropping' : 'chat'} aria-label="Chat" {...drop.handlers}>
      <ChatHeader />
      <TemporalOutageBanner />
      <FindBar />
      {hasMessages ? <MessageList /> : <Welcome />}
      {readOnly ? <ReadOnlyNotice /> : <Composer />}
    </main>
  );
}
