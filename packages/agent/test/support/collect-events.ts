import { type AgentEvent, asControlEvent } from '../../src/common/events';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW } from '../../src/runs';

export async function collectEvents(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const all: AgentEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** Reads until `until` holds for an event (returned events include it); fails if the stream ends first. */
export async function readUntil(
  events: AsyncIterator<AgentEvent>,
  seen: AgentEvent[],
  until: (event: AgentEvent) => boolean,
): Promise<AgentEvent> {
  for (;;) {
    const next = await events.next();
    if (next.done)
      throw new Error(`the stream ended first; saw ${seen.map((event) => event.type).join(', ')}`);
    seen.push(next.value);
    if (until(next.value)) return next.value;
  }
}

/** For `readUntil`: holds once the answer's text, folded from the events read so far, contains `text`. */
export function untilAnswerContains(text: string): (event: AgentEvent) => boolean {
  let view = EMPTY_RUN_VIEW;
  return (event) => {
    view = applyRunEvent(view, event);
    return answerText(view).includes(text);
  };
}

/** For `readUntil` (and filters): the run asks for an approval. */
export function isApprovalRequest(event: AgentEvent): boolean {
  return asControlEvent(event)?.name === 'approval-request';
}
