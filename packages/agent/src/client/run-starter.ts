import { type Client, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { AGENT_RUN_WORKFLOW, toWorkflowId } from '../common/names';
import type { AgentRunInput } from '../common/types';
import type { ResolvedAgentOptions } from './agent-options';
import { AgentRun } from './agent-run';
import { addedMessagesOf } from './read-added-messages';
import { WorkerCheck } from './worker-check';

/** Interactive runs get a little longer than the worker check, so the check's verdict lands first. */
const INTERACTIVE_GRACE_MS = 3000;

/**
 * Starts an agent's runs on Temporal: one workflow execution per run id (a running one is joined, a closed
 * one attached to), the run's deadline, and — for interactive runs — the worker check, which `stop()` ends.
 */
export class RunStarter {
  /** Worker checks in flight: the agent's `close()` ends them before the connection goes. */
  private readonly workerChecks = new Set<WorkerCheck>();

  constructor(
    private readonly client: Client,
    private readonly options: ResolvedAgentOptions,
    private readonly timeoutMs: number,
    private readonly attach: (id: string) => Promise<AgentRun>,
  ) {}

  async start(input: AgentRunInput): Promise<AgentRun> {
    const address = { agentName: input.agentName, conversationId: input.threadId, runId: input.runId };
    const workflowId = toWorkflowId(address);
    let handle: Awaited<ReturnType<Client['workflow']['start']>>;
    try {
      handle = await this.client.workflow.start(AGENT_RUN_WORKFLOW, {
        taskQueue: this.options.taskQueue,
        workflowId,
        args: [input],
        // One execution per run id: a running one is joined, a closed one is refused (then attached).
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowExecutionTimeout:
          this.timeoutMs + (this.options.mode === 'interactive' ? INTERACTIVE_GRACE_MS : 0),
        // A workflow task in flight on a worker killed -9 holds the run's next tasks (the new attempt's
        // events) until it times out: short, so the run moves on within seconds (Temporal's default is 10 s).
        workflowTaskTimeout: this.options.workflowTaskTimeout,
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return this.attach(workflowId);
      throw error;
    }
    return new AgentRun(this.client, handle, address, this.checkWorkers(handle), addedMessagesOf(input));
  }

  /** Ends the worker checks in flight. */
  async stop(): Promise<void> {
    await Promise.all([...this.workerChecks].map((check) => check.stop()));
  }

  /** An interactive run's worker check, tracked until it has its verdict; none for autonomous runs. */
  private checkWorkers(handle: WorkflowHandle): WorkerCheck | undefined {
    if (this.options.mode !== 'interactive') return undefined;
    const check = new WorkerCheck(this.client, handle, this.options.taskQueue, this.timeoutMs);
    this.workerChecks.add(check);
    void check.found.finally(() => this.workerChecks.delete(check)).catch(() => undefined);
    return check;
  }
}
