import { type StreamResponse, TaskState } from '@a2a-js/sdk';
import type { AgentEvent } from '../../common/events';
import { applyRunEvent } from '../../runs/apply-run-event';
import { EMPTY_RUN_VIEW, isFinished, type RunView } from '../../runs/run-view';
import type { TaskIds } from './task-parts';
import { isTerminalState, taskOf, taskStateOf, taskStatusOf, textArtifact } from './task-status';

/**
 * Turns a run's events into A2A stream events: the run's view is folded by the library's reducer
 * (`applyRunEvent`, so live and logged text join exactly and a replaced attempt's text is dropped), and
 * what the client lacks of it goes out — an artifact per assistant message, its text in chunks
 * (`append: true`), replaced whole (`append: false`) when a retried attempt starts over; a status update
 * whenever the task's state changes. Events up to `quietThrough` (what the client has already seen) are
 * folded without a word; the first event beyond them is preceded by the task as it is then (A2A streams
 * start with the task). The stream is over at a final state or at `input-required`.
 */
export class TaskEvents {
  private view: RunView = EMPTY_RUN_VIEW;
  private readonly sentText = new Map<string, string>();
  private sentState: TaskState | undefined;
  private started = false;
  private over = false;

  constructor(
    private readonly ids: TaskIds,
    private readonly quietThrough = -1,
  ) {}

  get runView(): RunView {
    return this.view;
  }

  /** The task ended, or waits for input: its stream is over. */
  get ended(): boolean {
    return this.over;
  }

  /** The task as the client first sees it: its state now, no text yet (artifact updates bring it). */
  private task(): StreamResponse {
    this.started = true;
    this.sentState = taskStateOf(this.view);
    return { payload: { $case: 'task', value: { ...taskOf(this.view, this.ids), artifacts: [] } } };
  }

  push(event: AgentEvent): StreamResponse[] {
    this.view = applyRunEvent(this.view, event);
    if (this.view.lastSeq <= this.quietThrough && !isFinished(this.view)) {
      for (const message of this.view.messages) this.sentText.set(message.messageId, message.text);
      this.sentState = taskStateOf(this.view);
      return [];
    }
    const state = taskStateOf(this.view);
    const first = !this.started;
    const changed = !first && state !== this.sentState;
    const closing =
      isTerminalState(state) || (state === TaskState.TASK_STATE_INPUT_REQUIRED && (first || changed));
    const out: StreamResponse[] = first ? [this.task()] : [];
    if (changed && !closing) out.push(this.statusUpdate(state));
    out.push(...this.textUpdates());
    if (closing) out.push(this.statusUpdate(state));
    if (closing) this.over = true;
    return out;
  }

  private textUpdates(): StreamResponse[] {
    const out: StreamResponse[] = [];
    for (const { messageId, text } of this.view.messages) {
      const sent = this.sentText.get(messageId);
      if (sent === text || (sent === undefined && text === '')) continue;
      const append = sent !== undefined && text.startsWith(sent);
      const chunk = append ? text.slice(sent.length) : text;
      this.sentText.set(messageId, text);
      out.push({
        payload: {
          $case: 'artifactUpdate',
          value: {
            taskId: this.ids.taskId,
            contextId: this.ids.contextId,
            artifact: textArtifact(messageId, chunk),
            append,
            lastChunk: false,
            metadata: undefined,
          },
        },
      });
    }
    return out;
  }

  private statusUpdate(state: TaskState): StreamResponse {
    this.sentState = state;
    return {
      payload: {
        $case: 'statusUpdate',
        value: {
          taskId: this.ids.taskId,
          contextId: this.ids.contextId,
          status: taskStatusOf(this.view, this.ids),
          metadata: undefined,
        },
      },
    };
  }
}
