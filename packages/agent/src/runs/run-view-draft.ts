import type { RunMilestone, RunView, RunViewMessage, RunViewToolCall } from './run-view';

/** The view being built by one step of the reducer (a fresh copy: changing it changes nothing shared). */
export type RunViewDraft = { -readonly [K in keyof RunView]: RunView[K] };

/** A milestone without its `seq` (the reducer stamps the event's). */
export type MilestoneBody = RunMilestone extends infer M
  ? M extends RunMilestone
    ? Omit<M, 'seq'>
    : never
  : never;

export type AddMilestone = (body: MilestoneBody) => void;

export function upsertMessage(
  messages: readonly RunViewMessage[],
  message: RunViewMessage,
): RunViewMessage[] {
  const index = messages.findIndex((each) => each.messageId === message.messageId);
  if (index < 0) return [...messages, message];
  return messages.map((each, position) => (position === index ? message : each));
}

export function updateCall(
  calls: readonly RunViewToolCall[],
  id: string,
  change: (call: RunViewToolCall) => RunViewToolCall,
): readonly RunViewToolCall[] {
  return calls.some((call) => call.id === id)
    ? calls.map((call) => (call.id === id ? change(call) : call))
    : calls;
}
