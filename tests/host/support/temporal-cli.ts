import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findTemporalCli } from 'durable-agent';

const run = promisify(execFile);

/** Runs the Temporal CLI against `address` and parses its JSON output. */
export async function temporalCli(address: string, args: readonly string[]): Promise<unknown> {
  const cli = await findTemporalCli();
  const { stdout } = await run(cli, [...args, '--address', address, '--output', 'json'], { timeout: 20_000 });
  return JSON.parse(stdout);
}

/** Starts a workflow that no worker runs: it stays open, so it shows whether the database was kept. */
export async function startIdleWorkflow(address: string, workflowId: string): Promise<void> {
  await temporalCli(address, [
    'workflow',
    'start',
    '--type',
    'idle',
    '--task-queue',
    `idle-${workflowId}`,
    '--workflow-id',
    workflowId,
  ]);
}

/** The workflow's status as Temporal reports it (e.g. `WORKFLOW_EXECUTION_STATUS_RUNNING`). */
export async function workflowStatus(address: string, workflowId: string): Promise<string> {
  const described = (await temporalCli(address, ['workflow', 'describe', '--workflow-id', workflowId])) as {
    workflowExecutionInfo?: { status?: string };
  };
  return described.workflowExecutionInfo?.status ?? 'unknown';
}
