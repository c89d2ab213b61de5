import type { InvokeModelStreamingOutput } from '../common/activity-types';
import type { AgentRunResult, TextInEvents } from '../common/types';
import type { RunEventLog } from './run-event-log';

/**
 * A model call's output with its text: a long text the call returned by reference is joined from the
 * run's own event log (the workflow holds the log; the history holds the text once, in its events).
 */
export function withTextFromLog(
  output: InvokeModelStreamingOutput,
  events: RunEventLog,
  messageId: string,
): InvokeModelStreamingOutput {
  if (!output.textInEvents) return output;
  return { ...output, text: events.textOf(messageId, output.attempt) };
}

/**
 * The result as the workflow returns it: each text the run's events hold (`references`) left out, so the
 * history does not hold it again (a reader's client fills it in from the events, see `TextInEvents`).
 */
export function leaveOutLongTexts(
  result: AgentRunResult,
  references: readonly TextInEvents[],
): AgentRunResult {
  if (references.length === 0) return result;
  const left = new Set(references.map((reference) => reference.messageIndex));
  return {
    ...result,
    text: references.some((reference) => reference.answer) ? '' : result.text,
    messages: result.messages.map((message, index) =>
      left.has(index) ? { ...message, content: '' } : message,
    ),
    textsInEvents: references,
  };
}
