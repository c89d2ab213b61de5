import { useLayoutEffect, useRef } from 'react';
import { useAppStore } from '../../store/app-store';
import { selectSelectedMessages } from '../../store/selectors';
import { MessageItem } from './message-item';

const STICK_DISTANCE_PX = 80;

/** The messages; follows the stream while the reader is at the bottom, stays put when they scrolled up. */
export function MessageList() {
  const messages = useAppStore(selectSelectedMessages);
  const conversationId = useAppStore((state) => state.selectedConversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastConversation = useRef<string | undefined>(undefined);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (lastConversation.current !== conversationId) {
      lastConversation.current = conversationId;
      stick.current = true;
    }
    if (stick.current) element.scrollTop = element.scrollHeight;
  });

  const lastIndex = messages.length - 1;
  return (
    <div
      ref={scroller}
      className="message-scroller"
      onScroll={(event) => {
        const element = event.currentTarget;
        stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_DISTANCE_PX;
      }}
    >
      <ol className="message-list" aria-label="Messages">
        {messages.map((message, index) => (
          <MessageItem key={message.id} message={message} isLast={index === lastIndex} />
        ))}
      </ol>
    </div>
  );
}
