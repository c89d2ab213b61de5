import { type ScriptedReply, textReply, toolCallReply } from './scripted-reply';

/** The sub-agent the demo script delegates to (the CLI worker's built-in example). */
export const RESEARCHER = 'researcher';

const delegation = /^(?:research|ask the researcher about)\s+(.+?)[.?!]*$/i;
const factsTask = /^find three facts about\s+(.+?)[.?!]*$/i;

/** "research <topic>": delegates to the researcher when it is offered, or says it cannot. */
export function delegationReply(prompt: string, offered: ReadonlySet<string>): ScriptedReply | undefined {
  const topic = delegation.exec(prompt.trim())?.[1];
  if (topic === undefined) return undefined;
  if (!offered.has(RESEARCHER)) return textReply(`I have no researcher to ask about ${topic}.`);
  return toolCallReply(RESEARCHER, { task: `Find three facts about ${topic}.` });
}

/** The researcher's task: three short facts, a few dozen tokens (long enough to be cut mid-stream). */
export function factsReply(prompt: string): ScriptedReply | undefined {
  const topic = factsTask.exec(prompt.trim())?.[1];
  if (topic === undefined) return undefined;
  return textReply(
    [
      `Three facts about ${topic}:`,
      `1. ${topic} keeps every step of a run in a durable history, so a lost worker loses no finished work.`,
      `2. ${topic} retries a failed step on another worker, counting each attempt and what it cost.`,
      `3. ${topic} lets one run start others as children, each with its own history, and waits for their results.`,
    ].join('\n'),
  );
}
