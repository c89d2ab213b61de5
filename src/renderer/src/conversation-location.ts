/** The selected conversation lives in the page's hash (`#/conversation/<id>`), so a reload reopens it. */
const PREFIX = '#/conversation/';

export function conversationFromLocation(): string | undefined {
  const { hash } = window.location;
  return hash.startsWith(PREFIX) ? decodeURIComponent(hash.slice(PREFIX.length)) || undefined : undefined;
}

export function showConversationInLocation(conversationId: string | undefined): void {
  const hash = conversationId ? `${PREFIX}${encodeURIComponent(conversationId)}` : '';
  if (window.location.hash === hash) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  window.history.replaceState(null, '', url);
}
