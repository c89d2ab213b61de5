import type { Host } from '../../../src/host/host';
import type { ChatMessage } from '../../../src/shared/models';

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
