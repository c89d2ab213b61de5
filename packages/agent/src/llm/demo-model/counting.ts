import type { ChatMessage } from './chat-request';
import { type ScriptedReply, textReply, toolCallReply } from './scripted-reply';

/** `Count to 100 with the calculator.`: one calculator call per step, each adding 1 to the last result. */
const countingPrompt = /\bcount to (\d{1,4}) with the calculator\b/;

/**
 * The demo model's long tool loop: asked to count to N with the calculator, it calls `calculator` with
 * `0 + 1`, then `<last result> + 1` after each result, and answers once a result reaches N. It reads only
 * the prompt and the last tool result, so it counts on correctly after older rounds were compacted.
 */
export function countingReply(
  lowered: string,
  messages: readonly ChatMessage[],
  offersCalculator: boolean,
): ScriptedReply | undefined {
  const target = countingPrompt.exec(lowered)?.[1];
  if (target === undefined || !offersCalculator) return undefined;
  const goal = Number(target);
  const last = messages.at(-1);
  if (last?.role !== 'tool') return toolCallReply('calculator', { expression: '0 + 1' });
  const reached = resultOf(last.content);
  if (reached === undefined) return undefined;
  if (reached >= goal) return textReply(`I counted to ${goal} with ${goal} calculator calls.`);
  return toolCallReply('calculator', { expression: `${reached} + 1` });
}

function resultOf(content: string): number | undefined {
  try {
    const parsed = JSON.parse(content) as { result?: unknown };
    return typeof parsed.result === 'number' ? parsed.result : undefined;
  } catch {
    return undefined;
  }
}
