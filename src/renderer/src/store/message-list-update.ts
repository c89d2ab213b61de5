import type { ChatMessage } from '../../../shared/models';

const roleOrder = { user: 0, assistant: 1 } as const;

function compare(left: ChatMessage, right: ChatMessage): number {
  if (left.createdAt !== right.createdAt) return left.createdAt < right.createdAt ? -1 : 1;
  return roleOrder[left.role] - roleOrder[right.role];
}

/** The list with `message` replacing the one of the same id (or added), in conversation order. */
export function upsertMessage(list: readonly ChatMessage[], message: ChatMessage): readonly ChatMessage[] {
  const index = list.findIndex((each) => each.id === message.id);
  if (index >= 0) {
    const next = [...list];
    next[index] = message;
    return next;
  }
  return [...list, message].sort(compare);
}

/** The branch on screen above `messageId` (the whole list when it is not given or not there). */
export function branchAbove(
  list: readonly ChatMessage[],
  messageId: string | undefined,
): readonly ChatMessage[] {
  const index = messageId === undefined ? -1 : list.findIndex((each) => each.id === messageId);
  return index < 0 ? list : list.slice(0, index);
}
