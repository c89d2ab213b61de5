import { Client, Connection } from '@temporalio/client';
import { temporalAddress } from './temporal-connection';

let connection: Connection | undefined;

/** A client of the shared test server, made once per test (close it with `closeTemporalClient`). */
export async function temporalClient(): Promise<Client> {
  connection ??= await Connection.connect({ address: temporalAddress() });
  return new Client({ connection });
}

/** The Temporal runs of a workflow's continue-as-new chain, first to latest, with their history lengths (read by hand). */
export async function chainOf(
  workflowId: string,
): Promise<{ runId: string; events: number; continued: boolean }[]> {
  const client = await temporalClient();
  const latest = await client.workflow.getHandle(workflowId).fetchHistory();
  const started = latest.events?.[0]?.workflowExecutionStartedEventAttributes;
  let runId: string | undefined = started?.firstExecutionRunId ?? undefined;
  const chain: { runId: string; events: number; continued: boolean }[] = [];
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const last = history.events?.at(-1);
    const next = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    chain.push({ runId, events: history.events?.length ?? 0, continued: next !== undefined });
    runId = next;
  }
  return chain;
}

/** Waits until the run has continued as new at least `times` times (generous: the machine may be loaded). */
export async function continuedTimes(workflowId: string, times: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await chainOf(workflowId)).length <= times) {
    if (Date.now() > deadline)
      throw new Error(`${workflowId} did not continue as new ${times} times in 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function closeTemporalClient(): Promise<void> {
  await connection?.close();
  connection = undefined;
}
