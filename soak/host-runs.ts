import { injectProcessFault, modelFault } from './faults';
import type { PlannedRun } from './planned-run';
import type { RunOutcome } from './run-outcome';
import type { SoakEnvironment } from './soak-environment';
import { waitFor } from './wait-for';

const FINISH_TIMEOUT_MS = 300_000;
const ENDINGS = ['completed', 'failed', 'cancelled'];

/** One run through the app's host (web mode): sent like the UI sends it, read like the UI reads it. */
export async function runThroughHost(run: PlannedRun, environment: SoakEnvironment): Promise<RunOutcome> {
  const { host, reader, demo } = environment;
  const injected = run.fault ? modelFault(run.fault, run.tag) : undefined;
  if (injected) demo.injectFault(injected);
  // Temporal or the host may be down from another run's fault: Send says so; try again, as a user would.
  const sent = await waitFor(() => host.api.sendMessage({ text: run.prompt }), 180_000, 1000);
  if (!sent) return failed(run, 'could not send the message within 3 minutes');
  reader.adopt(sent.run);
  const runId = sent.run.id;
  const conversationId = sent.conversation.id;
  const finished = async () => {
    const detail = await host.api.loadConversation({ conversationId });
    return detail.messages[1]?.status !== 'streaming' && detail;
  };

  let faultDetail: string | undefined;
  let recoveryMs: number | undefined;
  if (run.fault && !injected) {
    await waitFor(() => reader.text(runId).length > 40, 120_000);
    const at = Date.now();
    faultDetail = await environment.oneFaultAtATime(() =>
      injectProcessFault(run.fault!, host, conversationId),
    );
    const moved = await waitFor(
      () => reader.lastProgress(runId) > at && reader.lastProgress(runId),
      FINISH_TIMEOUT_MS,
      50,
    );
    if (moved) recoveryMs = moved - at;
  }
  const detail = await waitFor(finished, FINISH_TIMEOUT_MS, 500);
  if (!detail) return failed(run, 'the answer did not finish within 5 minutes', faultDetail);
  const answer = detail.messages[1]!;
  const record = detail.runs.find((each) => each.id === runId);
  return {
    index: run.index,
    channel: 'host',
    ...(run.fault ? { fault: run.fault } : {}),
    ...(faultDetail ? { faultDetail } : {}),
    ...(recoveryMs !== undefined ? { recoveryMs } : {}),
    ...(record ? { workflowId: record.workflowId } : {}),
    seenText: reader.text(runId),
    storedText: answer.text,
    finishes: detail.timeline.filter((entry) => entry.runId === runId && ENDINGS.includes(entry.kind)).length,
    usagePresent: (answer.usage?.totalTokens ?? 0) > 0,
    status: answer.status,
    ...(detail.messages.length !== 2
      ? { problem: `${detail.messages.length} messages in the conversation` }
      : {}),
  };
}

function failed(run: PlannedRun, problem: string, faultDetail?: string): RunOutcome {
  return {
    index: run.index,
    channel: 'host',
    ...(run.fault ? { fault: run.fault } : {}),
    ...(faultDetail ? { faultDetail } : {}),
    seenText: '',
    finishes: 0,
    usagePresent: false,
    status: 'lost',
    problem,
  };
}
