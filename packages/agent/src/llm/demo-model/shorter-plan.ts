import type { ChatMessage } from './chat-request';
import { type ScriptedReply, textReply } from './scripted-reply';
import { travelPlan } from './travel-plan';

const SHORTER = /\bmake it (\d{1,2}) days?(?: instead)?\b/;
const PLAN_REQUEST = /travel plan|itinerary|day-by-day|day by day/;

/**
 * The steering demo: after the travel-plan prompt, `Make it 3 days instead.` is answered
 * `Here is a 3-day version: …` with the plan's first days (a steer sent while the plan streams joins the
 * run as a user message, and its next round reads it).
 */
export function shorterPlanReply(
  lowered: string,
  messages: readonly ChatMessage[],
): ScriptedReply | undefined {
  const days = Number(SHORTER.exec(lowered)?.[1]);
  if (!days) return undefined;
  const planAsked = messages.some(
    (message) => message.role === 'user' && PLAN_REQUEST.test(message.content.toLowerCase()),
  );
  if (!planAsked) return undefined;
  const kept = travelPlan.split('\n').slice(1, days + 1);
  return textReply([`Here is a ${days}-day version: …`, ...kept].join('\n'));
}
