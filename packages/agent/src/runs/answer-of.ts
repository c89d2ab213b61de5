import { answerText, type RunView, type RunViewToolCall } from './run-view';

/** A tool call as the answer shows and stores it: its name, arguments and result (once it returned). */
export type AnswerToolCall = Omit<RunViewToolCall, 'messageId'>;

/**
 * A run's answer as a chat message shows it, while it streams and once stored: its text, the attempt the
 * text comes from, and its tool calls. The one projection of a view to a message (the host, its journal
 * and the renderer all use it).
 */
export interface RunAnswer {
  readonly text: string;
  readonly attempt: number;
  readonly toolCalls: readonly AnswerToolCall[];
}

/** The run's tool calls, in order, as the answer carries them. */
export function toolCallsOf(view: RunView): AnswerToolCall[] {
  return view.toolCalls.map(({ messageId: _message, ...call }) => call);
}

/** The run's answer as it is in this view. */
export function answerOf(view: RunView): RunAnswer {
  return { text: answerText(view), attempt: view.currentAttempt, toolCalls: toolCallsOf(view) };
}
