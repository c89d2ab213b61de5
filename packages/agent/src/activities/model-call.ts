import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { InvokeModelStreamingInput, ListToolsOutput } from '../common/activity-types';
import { type AttemptHeartbeat, estimateUsage, type previousAttempts } from '../common/attempt-history';
import type { RunContext } from '../common/events';
import { FailureType } from '../common/names';
import type { Usage } from '../common/types';
import type { LiveTextWriter } from '../live/live-text-server';
import { ModelError } from '../llm/model-provider';
import { AttemptLease } from './attempt-lease';
import type { ActivityDependencies } from './dependencies';
import { EventPublisher } from './event-publisher';
import { priorAttempts } from './handed-over-attempts';
import { startHeartbeat } from './heartbeat';
import type { StreamPacing } from './stream-pacing';

/** A tool call as the model streams it: its arguments grow with each delta. */
export interface StreamedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * One attempt of one model round, as the stream loop and the four endings (completed, stopped, handed over,
 * failed) share it: what was asked, what has come back so far, and where it is published. It heartbeats
 * from its first line and aborts the model's request on cancellation or when the model goes idle.
 */
export class ModelCall {
  readonly activity = Context.current();
  /** Attempts count on across calls handed over by workers that shut down (see handOverOnShutdown). */
  readonly attempt: number;
  readonly prior: ReturnType<typeof previousAttempts>;
  /** The model this call asks: the workflow's choice among the run's models, else the run's model. */
  readonly modelName: string | undefined;
  readonly context: RunContext;
  readonly messageId: string;
  readonly heartbeat: ReturnType<typeof startHeartbeat>;
  readonly publisher: EventPublisher;
  /** Whether Temporal still waits for this attempt: a replaced one publishes nothing and stops. */
  readonly lease: AttemptLease;
  readonly abort = new AbortController();
  readonly toolCalls = new Map<number, StreamedToolCall>();
  promptCharacters: number;
  chunks = 0;
  text = '';
  usage: Usage | undefined;
  failureReason: string | undefined;
  listedTools: ListToolsOutput | undefined;
  live: LiveTextWriter | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly onCancel = () => this.abort.abort(this.activity.cancellationSignal.reason);

  constructor(
    private readonly dependencies: ActivityDependencies,
    readonly input: InvokeModelStreamingInput,
    pacing: StreamPacing,
  ) {
    const { info } = this.activity;
    this.attempt = (input.handedOverAttempts?.count ?? 0) + info.attempt;
    this.prior = priorAttempts(info, input.round, input.handedOverAttempts);
    this.promptCharacters = JSON.stringify(input.messages).length;
    this.modelName = input.model ?? input.config.model;
    this.heartbeat = startHeartbeat(this.activity, () => this.details(), input.config.heartbeatTimeoutMs);
    this.report('started');
    this.context = { runId: input.runId, threadId: input.threadId };
    this.messageId = input.messageId;
    const workflow = this.activity.client.workflow.getHandle(
      info.workflowExecution?.workflowId ?? '',
      info.workflowExecution?.runId,
    );
    this.lease = new AttemptLease(this.activity, input.config.heartbeatTimeoutMs, () =>
      this.abort.abort(supersededFailure(this.attempt)),
    );
    this.publisher = new EventPublisher(
      this.context,
      workflow,
      pacing,
      input.config.streamBatchMs,
      () => this.lease.held(),
      () => this.live,
    );
    this.activity.cancellationSignal.addEventListener('abort', this.onCancel);
  }

  /** The model's name as events and attempts carry it: absent when the run names none. */
  get taggedModel(): { model?: string } {
    return this.modelName === undefined ? {} : { model: this.modelName };
  }

  /** Tells the worker's owner (the app's supervisor) how the call went. */
  report(phase: 'started' | 'completed' | 'failed', error?: string): void {
    const { info } = this.activity;
    this.dependencies.onActivity?.({
      phase,
      activity: 'invokeModelStreaming',
      workflowId: info.workflowExecution?.workflowId ?? '',
      ...(info.workflowExecution?.runId ? { workflowRunId: info.workflowExecution.runId } : {}),
      activityId: info.activityId,
      runId: this.input.runId,
      attempt: this.attempt,
      error,
    });
  }

  /** Aborts the model's request when it sends nothing for the idle timeout; reset on every chunk. */
  resetIdleTimer(): void {
    clearTimeout(this.idleTimer);
    const { modelIdleTimeoutMs } = this.dependencies;
    this.idleTimer = setTimeout(
      () =>
        this.abort.abort(new ModelError('connection', `the model sent nothing for ${modelIdleTimeoutMs}ms`)),
      modelIdleTimeoutMs,
    );
  }

  /** Ends the live text, the idle timer, the heartbeat and the publisher, whatever the ending. */
  async close(): Promise<void> {
    this.live?.end();
    clearTimeout(this.idleTimer);
    this.heartbeat.stop();
    this.lease.stop();
    this.activity.cancellationSignal.removeEventListener('abort', this.onCancel);
    await this.publisher.close().catch(() => undefined);
  }

  /** What each heartbeat carries: the round's failed attempts and this one's progress so far. */
  private details(): AttemptHeartbeat {
    return {
      round: this.input.round,
      failed: this.prior.failed,
      current: {
        attempt: this.attempt,
        usage: estimateUsage(this.promptCharacters, this.chunks),
        failureReason: this.failureReason,
        ...this.taggedModel,
      },
    };
  }
}

/** How a replaced attempt ends: Temporal has moved on and drops it; the worker's log says why. */
function supersededFailure(attempt: number): ApplicationFailure {
  return ApplicationFailure.retryable(
    `attempt ${attempt} was replaced by a later one while this worker was not running (paused past the heartbeat timeout)`,
    FailureType.modelUnavailable,
  );
}
