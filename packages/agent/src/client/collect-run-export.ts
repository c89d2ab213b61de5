import { type Client, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import type { AgentEvent } from '../common/events';
import { withRunCounts, ZERO_BREAKDOWN } from '../common/run-usage';
import type { AgentRunInput, AgentRunOutput, AgentRunResult } from '../common/types';
import type { ExportedRun } from '../export/export-document';
import { attemptWorkers } from '../export/run-attempt-workers';
import { readRunEvents } from './event-reader';
import { readWholeHistory } from './history-pages';

/**
 * Reads a finished run from Temporal as an `ExportedRun`: its whole event log, result, timings, the
 * workers of its attempts (from its history) and, the same way, each sub-agent run it delegated to.
 */
export async function collectRunExport(
  client: Client,
  workflowId: string,
  context: { readonly runId: string; readonly threadId: string; readonly agentName?: string },
): Promise<ExportedRun> {
  const handle = client.workflow.getHandle(workflowId);
  const description = await handle.describe();
  const events = await readWholeHistory(client, workflowId);
  const startPayload = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const input = startPayload ? defaultPayloadConverter.fromPayload<AgentRunInput>(startPayload) : undefined;
  const prompt = [...(input?.messages ?? [])].reverse().find((message) => message.role === 'user');
  const log: AgentEvent[] = [];
  for await (const event of readRunEvents(client, handle, context, 0)) if (event.seq >= 0) log.push(event);
  const result = await readResult(handle);
  const subAgents: ExportedRun[] = [];
  for (const child of result?.subAgents ?? []) {
    subAgents.push(
      await collectRunExport(client, child.workflowId, {
        runId: child.runId,
        threadId: context.threadId,
        agentName: child.agentName,
      }),
    );
  }
  return {
    runId: context.runId,
    workflowId,
    ...(context.agentName ? { agentName: context.agentName } : {}),
    prompt: prompt?.content ?? '',
    status: result?.status ?? 'running',
    ...(description.startTime ? { startedAt: description.startTime.toISOString() } : {}),
    ...(description.closeTime ? { endedAt: description.closeTime.toISOString() } : {}),
    modelCalls: result?.modelCalls ?? 0,
    retries: result?.retries ?? 0,
    attempts: result?.attempts ?? 0,
    rounds: result?.rounds ?? 0,
    usage: result?.usage ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    usageBreakdown: result?.usageBreakdown ?? ZERO_BREAKDOWN,
    usageByAttempt: result?.usageByAttempt ?? [],
    ...(result?.error ? { error: result.error } : {}),
    workers: attemptWorkers(events),
    events: log,
    subAgents,
  };
}

/** The run's result: a failed run's is in its failure's details; undefined while it runs or when lost. */
async function readResult(
  handle: ReturnType<Client['workflow']['getHandle']>,
): Promise<AgentRunResult | undefined> {
  try {
    return withRunCounts(((await handle.result()) as AgentRunOutput).result);
  } catch (error) {
    const cause = error instanceof WorkflowFailedError ? error.cause : undefined;
    const details =
      cause instanceof ApplicationFailure ? (cause.details?.[0] as AgentRunOutput | undefined) : undefined;
    return details?.result ? withRunCounts(details.result) : undefined;
  }
}
