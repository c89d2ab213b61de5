import type { Host } from '../../../src/host/host';
import type { ChatMessage, SentMessage } from '../../../src/shared/models';
import { waitUntil } from './wait-until';

/** Sends `text` in the conversation (a new one without `conversationId`); its stored answer once the run is over. */
export async function answer(
  host: Host,
  conversationId: string | undefined,
  text: string,
): Promise<ChatMessage> {
  const sent = await host.handlers.sendMessage(conversationId ? { conversationId, text } : { text });
  await host.idle();
  const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
  return detail.messages.find((message) => message.id === sent.assistantMessage.id)!;
}

/** Sends `text` (in a new conversation without `conversationId`) and waits until its answer is stored complete. */
export async function answered(host: Host, text: string, conversationId?: string): Promise<SentMessage> {
  const sent = await host.handlers.sendMessage({ text, ...(conversationId ? { conversationId } : {}) });
  await waitUntil(
    async () =>
      (await host.handlers.loadConversation({ conversationId: sent.conversation.id })).messages.find(
        (message) => message.id === sent.assistantMessage.id && message.status === 'complete',
      ),
    'the complete answer',
  );
  await host.idle();
  return sent;
}
