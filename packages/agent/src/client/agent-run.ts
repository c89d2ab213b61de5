import type { Client, WorkflowHandle } from '@temporalio/client';
import { AgentError } from '../common/errors';
import { type AgentEvent, controlEvent, runEvents } from '../common/events';
import type { AgentRunResult, ApprovalDecision, PendingApproval } from '../common/types';
import type { ConversationStore } from '../conversations/conversation-store';
import { approveToolCallSignal, cancelRunSignal, pendingApprovalsQuery } from '../workflow/definitions';
import { readRunEvents } from './event-reader';
import { readPrompt } from './read-prompt';
import { fetchRunOutcome, noWorkerMessage } from './run-outcome';
import { type WorkerCheckProgress, waitForWorker } from './worker-check';
import type { RunAddress } from './workflow-id';

interface WorkerCheck {
  readonly taskQueue: string;
  readonly timeoutMs: number;
}

/** One run of an agent: its events, its result, and the verbs that act on it. Cheap to re-create (`attach`). */
export class AgentRun {
  readonly id: string;
  readonly runId: string;
  readonly conversationId: string;
  private readonly context: { runId: string; threadId: string };
  private readonly checkProgress: WorkerCheckProgress[] = [];
  private readonly workerFound: Promise<boolean>;
  private resultPromise: Promise<AgentRunResult> | undefined;

  constructor(
    private readonly client: Client,
    private readonly handle: WorkflowHandle,
    address: RunAddress,
    private readonly conversations: ConversationStore | undefined,
    private readonly workerCheck: WorkerCheck | undefined,
    /** The prompt, when this process started the run; read from the run's history otherwise. */
    private readonly prompt?: string,
  ) {
    this.id = handle.workflowId;
    this.runId = address.runId;
    this.conversationId = address.conversationId;
    this.context = { runId: address.runId, threadId: address.conversationId };
    this.workerFound = workerCheck ? this.checkForWorker(workerCheck) : Promise.resolve(true);
    this.workerFound.catch(() => undefined);
  }

  /**
   * The run's AG-UI events from `fromSeq` (default 0) to its terminal event. Any number of readers, from
   * any process, at any time — also after the run has finished.
   */
  async *events(options: { fromSeq?: number } = {}): AsyncGenerator<AgentEvent> {
    if (this.workerCheck) {
      const { taskQueue, timeoutMs } = this.workerCheck;
      let shown = 0;
      const showProgress = function* (this: AgentRun) {
        for (; shown < this.checkProgress.length; shown++) {
          const progress = this.checkProgress[shown]!;
          yield {
            ...controlEvent(this.context, 'worker-wait', { ...progress, taskQueue, timeoutMs }),
            seq: -1,
            local: true as const,
          };
        }
      }.bind(this);
      const found = await Promise.race([this.workerFound, delay(1100).then(() => undefined)]);
      yield* showProgress();
      if (!(found ?? (await this.workerFound))) {
        yield* showProgress();
        const message = noWorkerMessage(taskQueue);
        yield { ...runEvents.error(this.context, message, 'no-worker'), seq: -1, local: true };
        return;
      }
      yield* showProgress();
    }
    yield* readRunEvents(this.client, this.handle, this.context, options.fromSeq ?? 0);
  }

  /**
   * Waits for the run to end. The conversation store gets the prompt and the run's messages exactly once
   * (a run that produced nothing, e.g. for want of a worker, leaves the conversation as it was).
   */
  result(): Promise<AgentRunResult> {
    this.resultPromise ??= (async () => {
      const workerFound = await this.workerFound;
      const { result } = await fetchRunOutcome(this.handle);
      if (!workerFound && this.workerCheck) {
        return {
          ...result,
          error: { code: 'no-worker', message: noWorkerMessage(this.workerCheck.taskQueue) },
        };
      }
      if (this.conversations && result.messages.length > 0) {
        const prompt = this.prompt ?? (await readPrompt(this.client, this.handle));
        await this.conversations.appendRun(this.conversationId, this.runId, [
          { role: 'user', content: prompt },
          ...result.messages,
        ]);
      }
      return result;
    })();
    return this.resultPromise;
  }

  /** Answers a pending approval; rejects when no approval with that id is waiting. */
  async approve(toolCallId: string, decision: ApprovalDecision): Promise<void> {
    const pending = await this.pendingApprovals();
    if (!pending.some((approval) => approval.toolCallId === toolCallId)) {
      const waiting = pending.map((approval) => approval.toolCallId).join(', ') || 'none';
      throw new AgentError(
        'invalid-input',
        `no approval is waiting for tool call "${toolCallId}" (waiting: ${waiting})`,
      );
    }
    await this.handle.signal(approveToolCallSignal, {
      toolCallId,
      approved: decision.approved,
      reason: decision.reason,
    });
  }

  async pendingApprovals(): Promise<PendingApproval[]> {
    return this.handle.query(pendingApprovalsQuery);
  }

  /** Stops the run: the model request is aborted, the partial text kept, the run ends as cancelled. */
  async cancel(): Promise<void> {
    const { status } = await this.handle.describe();
    if (status.name === 'RUNNING') await this.handle.signal(cancelRunSignal);
  }

  private async checkForWorker({ taskQueue, timeoutMs }: WorkerCheck): Promise<boolean> {
    const found = await waitForWorker(this.client, this.handle, timeoutMs, (progress) =>
      this.checkProgress.push(progress),
    );
    if (!found) {
      // No ghost answer later: the run is ended before any worker can pick it up.
      await this.handle.terminate(noWorkerMessage(taskQueue)).catch(() => undefined);
    }
    return found;
  }
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
