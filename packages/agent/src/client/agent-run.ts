import {
  type Client,
  type WorkflowHandle,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { AgentError } from '../common/errors';
import type { AgentEvent } from '../common/events';
import type { RunAddress } from '../common/names';
import type { AgentRunResult, ApprovalDecision, ConversationMessage, PendingApproval } from '../common/types';
import type { LostWorkerWait } from '../runs/lost-worker-watch';
import type { RunEntry } from '../runs/run-journal';
import type { RunViewSubAgent } from '../runs/run-view';
import type { TemporalIdentity } from '../runs/temporal-identity';
import {
  type ApproveToolCallInput,
  answerApprovalUpdate,
  approveToolCallSignal,
  cancelRunSignal,
  pendingApprovalsQuery,
  type SteerReceipt,
  steerRunUpdate,
} from '../workflow/definitions';
import { readRunEvents } from './event-reader';
import { withLiveText } from './live-text-merge';
import { readLostWorkerWait } from './lost-worker-wait';
import { readAddedMessages } from './read-added-messages';
import { fetchRunOutcome, noWorkerMessage } from './run-outcome';
import type { WorkerCheck } from './worker-check';

/** The heartbeat timeout of runs whose attempts do not say theirs (the `Agent` default). */
const DEFAULT_HEARTBEAT_TIMEOUT_MS = 10_000;

/** One run of an agent: its events, its result, and the verbs that act on it. Cheap to re-create (`attach`). */
export class AgentRun {
  readonly id: string;
  readonly runId: string;
  readonly conversationId: string;
  private readonly context: { runId: string; threadId: string };
  private resultPromise: Promise<AgentRunResult> | undefined;

  constructor(
    private readonly client: Client,
    private readonly handle: WorkflowHandle,
    address: RunAddress,
    private readonly workerCheck: WorkerCheck | undefined,
    /** What the run adds before its messages (tool results, the prompt), when this process started it. */
    private readonly added?: readonly ConversationMessage[],
  ) {
    this.id = handle.workflowId;
    this.runId = address.runId;
    this.conversationId = address.conversationId;
    this.context = { runId: address.runId, threadId: address.conversationId };
  }

  /**
   * The run's AG-UI events from `fromSeq` (default 0) to its terminal event. Any number of readers, from
   * any process, at any time — also after the run has finished. With `live` (the default), the text of
   * the attempt under way (also when `fromSeq` is past its start) is also read live from its worker, as
   * the model writes it, between the log's batches: those TEXT_MESSAGE_CONTENT events carry `live: true` and are repeated by the log's
   * own — fold events with `applyRunEvent`, which joins both exactly (or skip `live` events). `signal`
   * stops reading (the events end). `untilNow` reads only what the run has logged so far, then ends (a
   * snapshot of a running run: no live text, no waiting).
   */
  async *events(
    options: { fromSeq?: number; live?: boolean; signal?: AbortSignal; untilNow?: boolean } = {},
  ): AsyncGenerator<AgentEvent> {
    if (this.workerCheck && !(yield* this.workerCheck.events(this.context))) return;
    const fromSeq = options.fromSeq ?? 0;
    const read = (onEarlier?: (event: AgentEvent) => void) =>
      readRunEvents(
        this.client,
        this.handle,
        this.context,
        fromSeq,
        options.signal,
        onEarlier,
        options.untilNow,
      );
    yield* options.live === false || options.untilNow ? read() : withLiveText(read, fromSeq);
  }

  /** A sub-agent run this run delegated to (its child workflow), read and acted on like any run. */
  subAgent(child: Pick<RunViewSubAgent, 'agentName' | 'workflowId' | 'runId'>): AgentRun {
    const address = { agentName: child.agentName, conversationId: this.conversationId, runId: child.runId };
    return new AgentRun(this.client, this.client.workflow.getHandle(child.workflowId), address, undefined);
  }

  /**
   * Whether an attempt of the run waits for Temporal's heartbeat timeout because its worker went silent
   * (killed, its machine lost) with nobody supervising it; and how long is left. Read from Temporal.
   */
  lostWorkerWait(): Promise<LostWorkerWait | undefined> {
    return readLostWorkerWait(this.handle, DEFAULT_HEARTBEAT_TIMEOUT_MS);
  }

  /**
   * Waits for the run to end and reads its result; it stores nothing (a run's ending is stored by the
   * journal it is followed into: `agent.submit`, `agent.follow`, `agent.settle`).
   */
  result(): Promise<AgentRunResult> {
    this.resultPromise ??= this.readResult().catch((error: unknown) => {
      this.resultPromise = undefined; // a transient failure (e.g. the connection) may be retried
      throw error;
    });
    return this.resultPromise;
  }

  private async readResult(): Promise<AgentRunResult> {
    const workerFound = (await this.workerCheck?.found) ?? true;
    const { result } = await fetchRunOutcome(this.handle);
    if (!workerFound && this.workerCheck) {
      return {
        ...result,
        error: { code: 'no-worker', message: noWorkerMessage(this.workerCheck.taskQueue) },
      };
    }
    return result;
  }

  /**
   * What the run adds to its conversation with `result` (see `RunEnding.messages`): what it was given — the
   * prompt, client tool results — then its own messages; none when it produced none.
   */
  async messagesAdded(result: AgentRunResult): Promise<ConversationMessage[]> {
    if (result.messages.length === 0) return [];
    return [...(await this.givenMessages()), ...result.messages];
  }

  /** The run as a journal records it, on `temporal` (its prompt read back from its input if need be). */
  async entry(temporal: TemporalIdentity): Promise<RunEntry> {
    const given = await this.givenMessages();
    const prompt = given.findLast((message) => message.role === 'user')?.content ?? '';
    const { id, runId, conversationId } = this;
    return { id, runId, conversationId, temporal, prompt };
  }

  /** What the run was given to add before its own messages: client tool results, then the prompt. */
  async givenMessages(): Promise<ConversationMessage[]> {
    return this.added ? [...this.added] : readAddedMessages(this.client, this.handle);
  }

  /**
   * Answers a pending approval; resolves once the run has taken the answer. Rejects, saying why, when no
   * approval with that id is waiting: unknown, already answered, expired (also when it expired while this
   * answer was on its way), or the run stopped or finished.
   */
  async approve(toolCallId: string, decision: ApprovalDecision, options: ClientIdentity = {}): Promise<void> {
    const input: ApproveToolCallInput = {
      toolCallId,
      approved: decision.approved,
      reason: decision.reason,
      ...(decision.alwaysAllow ? { alwaysAllow: true } : {}),
      identity: options.identity ?? this.client.options.identity,
    };
    try {
      await this.handle.executeUpdate(answerApprovalUpdate, { args: [input] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const reason = error.cause?.message ?? error.message;
        // A run of workflow code older than the update: answer it the way that code expects.
        if (reason.startsWith('No registered handler for update')) return this.approveBySignal(input);
        throw new AgentError('invalid-input', reason, { cause: error });
      }
      if (error instanceof WorkflowNotFoundError || isClosedRunError(error)) {
        throw new AgentError(
          'invalid-input',
          `no approval is waiting for tool call "${toolCallId}": the run has finished`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private async approveBySignal(input: ApproveToolCallInput): Promise<void> {
    const pending = await this.pendingApprovals();
    if (!pending.some((approval) => approval.toolCallId === input.toolCallId)) {
      const waiting = pending.map((approval) => approval.toolCallId).join(', ') || 'none';
      throw new AgentError(
        'invalid-input',
        `no approval is waiting for tool call "${input.toolCallId}" (waiting: ${waiting})`,
      );
    }
    await this.handle.signal(approveToolCallSignal, input);
  }

  /**
   * Sends a message into the running run ("steering"): it joins the run durably once this resolves, and the
   * model reads it at its next round — a model already writing its final answer finishes it, then the run
   * goes on for one more round that reads the message. Rejects, saying why, once the run is ending or ended.
   */
  async steer(text: string, options: ClientIdentity = {}): Promise<SteerReceipt> {
    const input = { text, identity: options.identity ?? this.client.options.identity };
    try {
      return await this.handle.executeUpdate(steerRunUpdate, { args: [input] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const reason = error.cause?.message ?? error.message;
        throw new AgentError(
          'invalid-input',
          reason.startsWith('No registered handler for update')
            ? 'the run does not take messages: it runs workflow code from before steering'
            : reason,
          { cause: error },
        );
      }
      if (error instanceof WorkflowNotFoundError || isClosedRunError(error))
        throw new AgentError('invalid-input', 'the run takes no more messages: it has finished', {
          cause: error,
        });
      throw error;
    }
  }

  /**
   * Whether the run's workflow is still running, and when it started and ended: Temporal's word. A run
   * that continued as new started with the first Temporal run of its chain.
   */
  async execution(): Promise<RunExecution> {
    const description = await this.handle.describe();
    const firstRunId = description.raw.workflowExecutionInfo?.firstRunId;
    const first =
      firstRunId && firstRunId !== description.runId
        ? await this.client.workflow.getHandle(this.handle.workflowId, firstRunId).describe()
        : description;
    return {
      running: description.status.name === 'RUNNING',
      startedAt: first.startTime,
      ...(description.closeTime ? { closedAt: description.closeTime } : {}),
    };
  }

  /** The tool calls waiting for an approval now (its sub-agents' included), from the workflow itself. */
  async pendingApprovals(): Promise<PendingApproval[]> {
    return this.handle.query(pendingApprovalsQuery);
  }

  /**
   * Stops the run: the model request is aborted, the partial text kept, the run ends as cancelled.
   * A run that has already finished (also one that finishes while this is on its way) is left as it is.
   */
  async cancel(): Promise<void> {
    const { status } = await this.handle.describe();
    if (status.name !== 'RUNNING') return;
    await this.handle.signal(cancelRunSignal).catch((error: unknown) => {
      if (!(error instanceof WorkflowNotFoundError || isClosedRunError(error))) throw error;
    });
  }
}

/** A run's workflow as Temporal describes it: running or not, and when it started and ended. */
export interface RunExecution {
  readonly running: boolean;
  readonly startedAt: Date;
  readonly closedAt?: Date;
}

/** Who acts on a run: the deciding client's identity (default: its Temporal client's, `<pid>@<host>`). */
export interface ClientIdentity {
  readonly identity?: string;
}

/** Temporal's answer to a signal or update for a run that has completed. */
function isClosedRunError(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}
