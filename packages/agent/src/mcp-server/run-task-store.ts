import type { TaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';
import { ErrorCode, McpError, type Result, type Task } from '@modelcontextprotocol/sdk/types.js';
import type { Agent } from '../client/agent';
import type { AgentRun } from '../client/agent-run';
import { foldRun } from '../client/fold-run';
import { AgentError } from '../common/errors';
import type { AgentRunResult } from '../common/types';
import { parseWorkflowId } from '../common/workflow-id';
import { runAnswer } from './run-answer';

/** How often a client should poll `tasks/get`. */
export const TASK_POLL_INTERVAL_MS = 1000;
/** How long `tasks/cancel` waits for the stopped run to end before it answers. */
const CANCEL_WAIT_MS = 10_000;
/** Finished tasks remembered (the oldest forgotten first; Temporal still answers for them). */
const FINISHED_REMEMBERED = 1000;

/**
 * MCP Tasks whose store is Temporal: a task is a run, its id the run's id (`<agent>/<conversation>/<run>`),
 * its status and result read from the run's workflow on every call. Nothing lives in this process, so
 * `tasks/get` and `tasks/result` answer the same after the server restarts, from any server on the same
 * Temporal. Tasks are not bound to a session: whoever may call the server may read a task by its id.
 */
export class RunTaskStore implements TaskStore {
  /** Finished runs do not change: their task and result, read once. */
  private readonly finished = new Map<string, { task: Task; result: AgentRunResult; run: AgentRun }>();

  constructor(private readonly agent: Agent) {}

  /** Tasks are created by calling `ask_<agent>` with a task: the run's workflow is the record. */
  async createTask(): Promise<Task> {
    throw new McpError(ErrorCode.InvalidRequest, 'tasks are created by calling an ask_ tool with a task');
  }

  async getTask(taskId: string): Promise<Task | null> {
    const known = this.finished.get(taskId);
    if (known) return known.task;
    const run = await this.find(taskId);
    if (run === undefined) return null;
    const execution = await run.execution();
    const base = {
      taskId,
      ttl: null,
      createdAt: execution.startedAt.toISOString(),
      pollInterval: TASK_POLL_INTERVAL_MS,
    };
    if (!execution.running) {
      const result = await this.resultOf(run);
      const lastUpdatedAt = (execution.closedAt ?? new Date()).toISOString();
      const task: Task = { ...base, lastUpdatedAt, ...finishedStatus(result) };
      this.finished.set(taskId, { task, result, run });
      if (this.finished.size > FINISHED_REMEMBERED) this.finished.delete(this.finished.keys().next().value!);
      return task;
    }
    // The run's view as logged so far (the reducer over its history): no worker needs to answer.
    const { approvals } = await foldRun(run, { untilNow: true });
    const lastUpdatedAt = new Date().toISOString();
    if (approvals.length === 0) return { ...base, lastUpdatedAt, status: 'working' };
    const waiting = approvals.map((approval) => approval.toolName).join(', ');
    return {
      ...base,
      lastUpdatedAt,
      status: 'input_required',
      statusMessage: `waiting for a person to approve ${waiting}`,
    };
  }

  async getTaskResult(taskId: string): Promise<Result> {
    const known = this.finished.get(taskId);
    if (known) return runAnswer(known.run, known.result);
    const run = await this.find(taskId);
    if (run === undefined) throw new McpError(ErrorCode.InvalidParams, `Task not found: ${taskId}`);
    return runAnswer(run, await this.resultOf(run));
  }

  /**
   * The run's result, once it has ended; the conversation gets the run's messages then (once: by run id),
   * whichever server process asks first.
   */
  private async resultOf(run: AgentRun): Promise<AgentRunResult> {
    return (await this.agent.settle(run)).result;
  }

  /** Results are the run's: its workflow records them. */
  async storeTaskResult(): Promise<void> {
    throw new Error("a task's result is recorded by its run's workflow");
  }

  /** `tasks/cancel`: stops the run (its partial text kept); the run ends as cancelled. */
  async updateTaskStatus(taskId: string, status: Task['status']): Promise<void> {
    if (status !== 'cancelled')
      throw new Error(`a task's status is its run's: it cannot be set to ${status}`);
    const run = await this.find(taskId);
    if (run === undefined) throw new McpError(ErrorCode.InvalidParams, `Task not found: ${taskId}`);
    await run.cancel();
    // With a worker, the run ends at once and tasks/cancel answers `cancelled`; without one, it says working.
    await within(
      CANCEL_WAIT_MS,
      this.resultOf(run).then(
        () => undefined,
        () => undefined,
      ),
      undefined,
    );
  }

  /** Not offered (the server does not declare `tasks.list`): keep the id `tools/call` returned. */
  async listTasks(): Promise<{ tasks: Task[] }> {
    throw new Error('listing tasks is not supported: keep the task id the tool call returned');
  }

  /** The run of this agent with that id, or `undefined` when the id is not one or no such run exists. */
  private async find(taskId: string): Promise<AgentRun | undefined> {
    try {
      if (parseWorkflowId(taskId).agentName !== this.agent.name) return undefined;
      return await this.agent.attach(taskId);
    } catch (error) {
      if (error instanceof AgentError && (error.code === 'run-not-found' || error.code === 'invalid-input'))
        return undefined;
      throw error;
    }
  }
}

function finishedStatus(result: AgentRunResult): Pick<Task, 'status' | 'statusMessage'> {
  if (result.status === 'completed') return { status: 'completed' };
  if (result.status === 'cancelled') return { status: 'cancelled', statusMessage: 'the run was stopped' };
  return { status: 'failed', statusMessage: result.error?.message ?? `the run ended ${result.status}` };
}

/** What `promise` resolves to, or `otherwise` when it takes longer than `ms`. */
async function within<T>(ms: number, promise: Promise<T>, otherwise: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(otherwise), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
