import { Client, type Connection, WorkflowNotFoundError } from '@temporalio/client';
import { AgentError } from '../common/errors';
import { toWorkflowId } from '../common/names';
import type { AgentRunResult } from '../common/types';
import { checkConversationId, checkRunId, parseWorkflowId } from '../common/workflow-id';
import { recordingInto } from '../conversations/conversation-store';
import type { ExportedRun } from '../export/export-document';
import { notSubmittedResult } from '../runs/empty-result';
import { FollowedRun, type FollowOptions } from '../runs/followed-run';
import { InMemoryRunJournal } from '../runs/in-memory-run-journal';
import { isRefusal } from '../runs/retry-policy';
import type { RunEnding, RunEntry, RunJournal } from '../runs/run-journal';
import { EMPTY_RUN_VIEW } from '../runs/run-view';
import { readTemporalIdentity, type TemporalIdentity } from '../runs/temporal-identity';
import { flushTelemetry, loadTelemetry } from '../telemetry/telemetry';
import { connectClient, unreachable } from '../temporal/connect-client';
import { validateOptions } from '../temporal/validate-options';
import {
  type AgentOptions,
  AgentOptionsSchema,
  DEFAULT_TIMEOUT_MS,
  type ResolvedAgentOptions,
  type StreamOptions,
  type SubmitOptions,
} from './agent-options';
import { AgentRun } from './agent-run';
import { AgentSchedules } from './agent-schedules';
import { collectRunExport } from './collect-run-export';
import { stopReaders } from './event-reader';
import {
  type FailLostActivitiesOptions,
  failLostActivities,
  type LostActivity,
} from './fail-lost-activities';
import { type OutputSchema, parseOutput } from './output-schema';
import { buildRunInput } from './run-input';
import { RunStarter } from './run-starter';

/** The client side of an agent: starts runs on Temporal and re-attaches to them from any process. */
export class Agent {
  /** Starts runs' workflows (and the worker checks `close()` ends before the connection goes). */
  private readonly starter: RunStarter;
  /** Runs followed: `close()` stops following them (their progress saved; the runs go on). */
  private readonly followers = new Set<FollowedRun>();

  private constructor(
    private readonly options: ResolvedAgentOptions,
    private readonly client: Client,
    private readonly connection: Connection,
    private readonly ownsConnection: boolean,
  ) {
    this.starter = new RunStarter(client, options, this.timeoutMs, (id) => this.attach(id));
  }

  /** Connects to Temporal and checks the options; fails with one message listing every bad field, or within seconds naming an unreachable address. */
  static async create(options: AgentOptions): Promise<Agent> {
    const resolved = validateOptions(AgentOptionsSchema, options, 'Agent');
    const { connection, owned } = await connectClient(resolved.temporal);
    // OTEL_EXPORTER_OTLP_ENDPOINT set: a run's trace starts where it is started (OpenTelemetry loads only then).
    const telemetry = await loadTelemetry();
    const client = new Client({
      connection,
      namespace: resolved.temporal.namespace,
      ...(telemetry ? { interceptors: { workflow: telemetry.clientInterceptors() } } : {}),
      ...(resolved.identity ? { identity: resolved.identity } : {}),
    });
    return new Agent(resolved, client, connection, owned);
  }

  get name(): string {
    return this.options.name;
  }

  get taskQueue(): string {
    return this.options.taskQueue;
  }

  get timeoutMs(): number {
    return this.options.timeout ?? DEFAULT_TIMEOUT_MS[this.options.mode];
  }

  /**
   * Submits a prompt as a new run and returns at once; read `run.events()` and `run.result()`. Idempotent: a
   * run id that already exists (running or closed) is attached to, never started a second time. Rejects
   * with `temporal-unreachable` when Temporal does not answer (the run may exist: `attach` it later).
   */
  async stream(prompt: string, options: StreamOptions = {}): Promise<AgentRun> {
    const input = await buildRunInput(prompt, options, this.options, this.timeoutMs).catch((error: unknown) =>
      this.attachInstead(options, error),
    );
    if (input instanceof AgentRun) return input;
    try {
      return await this.starter.start(input);
    } catch (error) {
      throw isRefusal(error) ? error : unreachable(this.address, error);
    }
  }

  /**
   * A run whose input is refused (too large now that its conversation holds its own long answer) may exist
   * already under the given run id: then it is attached to, as `stream` promises; else the refusal stands.
   */
  private async attachInstead(options: StreamOptions, refusal: unknown): Promise<AgentRun> {
    const { conversationId, runId } = options;
    if (conversationId === undefined || runId === undefined) throw refusal;
    try {
      return await this.attach(this.workflowIdFor(conversationId, runId));
    } catch {
      throw refusal;
    }
  }

  /**
   * Records a run in `journal`, submits it and follows it until Temporal's final word, through lost
   * connections and Temporal restarts (see `FollowedRun`). A start whose reply is lost is settled by asking
   * Temporal again, never by failing the run. A prompt Temporal refuses ends the run in the journal, then throws.
   */
  async submit(prompt: string, options: SubmitOptions): Promise<FollowedRun> {
    const { follow, ...streamOptions } = options;
    const journal = this.storing(options.journal);
    const input = await buildRunInput(prompt, streamOptions, this.options, this.timeoutMs);
    const entry: RunEntry = {
      id: toWorkflowId({ agentName: input.agentName, conversationId: input.threadId, runId: input.runId }),
      runId: input.runId,
      conversationId: input.threadId,
      temporal: await this.identity(),
      prompt,
    };
    await journal.record(entry);
    try {
      const run = await this.starter.start(input);
      return this.track(new FollowedRun(entry, journal, this.runSource(), follow, { run }));
    } catch (error) {
      // No answer is not a refusal: the reply may be lost while the run goes on; the follower settles it.
      if (!isRefusal(error)) {
        const start = () => this.starter.start(input);
        return this.track(new FollowedRun(entry, journal, this.runSource(), follow, { start }));
      }
      await journal.finish(entry, { view: EMPTY_RUN_VIEW, result: notSubmittedResult(error), messages: [] });
      throw error;
    }
  }

  /** Follows a run recorded earlier (after a crash, or from another process) into `journal`. */
  follow(entry: RunEntry, journal: RunJournal, options: FollowOptions = {}): FollowedRun {
    return this.track(new FollowedRun(entry, this.storing(journal), this.runSource(), options));
  }

  /**
   * Follows a run this process holds (from `stream` or `attach`) to Temporal's final word into `journal`
   * (default: in memory), and resolves with its ending; the conversation store gets what it adds once.
   */
  async settle(run: AgentRun, journal: RunJournal = new InMemoryRunJournal()): Promise<RunEnding> {
    const entry = await run.entry(await this.identity());
    return this.track(new FollowedRun(entry, this.storing(journal), this.runSource(), {}, { run })).done;
  }

  /** `journal`, with the conversation store (one that records) storing each ending's messages first. */
  private storing(journal: RunJournal): RunJournal {
    return recordingInto(this.options.conversations, journal);
  }

  private track(followed: FollowedRun): FollowedRun {
    this.followers.add(followed);
    void followed.done.finally(() => this.followers.delete(followed)).catch(() => undefined);
    return followed;
  }

  /**
   * The Temporal this agent talks to (its namespace id tells two servers on one address apart). Rejects
   * with `temporal-unreachable` while Temporal cannot be reached.
   */
  async identity(): Promise<TemporalIdentity> {
    try {
      return await readTemporalIdentity(this.client, this.address);
    } catch (error) {
      throw unreachable(this.address, error);
    }
  }

  private get address(): string {
    return this.options.temporal.address ?? 'connection';
  }

  /** This agent's runs on Temporal Schedules: create (every / cron), list, pause, unpause, trigger, delete. */
  schedules(): AgentSchedules {
    const { workflowTaskTimeout } = this.options;
    return new AgentSchedules({
      client: this.client,
      agentName: this.options.name,
      taskQueue: this.options.taskQueue,
      runTimeoutMs: this.timeoutMs,
      ...(workflowTaskTimeout === undefined ? {} : { workflowTaskTimeoutMs: workflowTaskTimeout }),
      runInput: (prompt, conversationId) =>
        buildRunInput(
          prompt,
          conversationId ? { conversationId } : {},
          { ...this.options, conversations: undefined },
          this.timeoutMs,
        ),
      settle: async (id) => this.settle(await this.attach(id)),
    });
  }

  private runSource() {
    return { attach: (id: string) => this.attach(id), identity: () => this.identity() };
  }

  /** The id (`run.id`) a run of this agent will have: record it before `stream(prompt, { runId })`. */
  workflowIdFor(conversationId: string, runId: string): string {
    checkConversationId(conversationId);
    checkRunId(runId);
    return toWorkflowId({ agentName: this.options.name, conversationId, runId });
  }

  /**
   * Runs a prompt to its end: `stream()` then `settle()`. With `output` (a zod schema or a JSON Schema) the
   * answer is structured: `result.output` holds it, validated (and typed by a zod schema).
   */
  async run<T>(
    prompt: string,
    options: StreamOptions & { readonly output: OutputSchema<T> },
  ): Promise<AgentRunResult & { readonly output?: T }>;
  async run(prompt: string, options?: StreamOptions): Promise<AgentRunResult>;
  async run(prompt: string, options: StreamOptions = {}): Promise<AgentRunResult> {
    const { result } = await this.settle(await this.stream(prompt, options));
    return options.output === undefined ? result : parseOutput(result, options.output);
  }

  /**
   * A finished run as exported: its whole event log, result, the worker of each attempt and the runs of its
   * sub-agents (`conversationMarkdown` and `buildConversationExport` make a file of these).
   */
  async exportRun(id: string): Promise<ExportedRun> {
    const { runId, conversationId } = parseWorkflowId(id);
    return collectRunExport(this.client, id, { runId, threadId: conversationId });
  }

  /** Re-attaches to a run by its id (`run.id`), from any process, whether it is running or finished. */
  async attach(id: string): Promise<AgentRun> {
    const address = parseWorkflowId(id);
    const handle = this.client.workflow.getHandle(id);
    try {
      await handle.describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        throw new AgentError('run-not-found', `no run with id "${id}"`, { cause: error });
      throw error;
    }
    return new AgentRun(this.client, handle, address, undefined);
  }

  /**
   * A supervisor saw a worker process end (kill -9, crash): fails the activities it reported running at once,
   * as retryable with the smallest retry delay, so the next attempt starts on a live worker instead of after
   * the heartbeat timeout. Resolves with how many were still running on that worker and were failed.
   */
  failLostActivities(
    activities: readonly LostActivity[],
    options: FailLostActivitiesOptions,
  ): Promise<number> {
    return failLostActivities(this.client, activities, options);
  }

  /** Stops following runs (their progress saved), ends worker checks, and closes the connection it opened. */
  async close(): Promise<void> {
    await Promise.all([...this.followers].map((followed) => followed.stop()));
    await this.starter.stop();
    stopReaders(this.client);
    if (this.ownsConnection) await this.connection.close();
    await flushTelemetry();
  }
}
