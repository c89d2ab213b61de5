/**
 * The program of a client host of the scale-out demo (run inside its network namespace by scenario.ts).
 * Speaks JSON lines on stdout, one per observation, with the wall-clock time it was made:
 *
 *   node client-host.ts stream <runs.json>   starts the runs (autonomous, 3 s heartbeat timeout) and
 *                                            follows them: attempt starts, first text, the end
 *   node client-host.ts attach <runs.json>   attaches to runs started elsewhere and reads each from seq 0
 *                                            (the replayed part, then live) to the end
 *   node client-host.ts placement <runs.json> which worker identity runs each run's model call now
 *                                            (Temporal's pending activity: last worker identity, attempt)
 *   node client-host.ts audit <runs.json>    Temporal's word on each run: its result and, from its
 *                                            history, which worker identity started and completed each
 *                                            model call and how many model calls completed
 *
 * Temporal is read from TEMPORAL_ADDRESS and the TEMPORAL_TLS_* / TEMPORAL_API_KEY variables, as the CLI.
 */
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { readCliConfig } from '../../packages/agent/dist/cli/cli-config.js';
import {
  Agent,
  type AgentEvent,
  answerText,
  applyRunEvent,
  EMPTY_RUN_VIEW,
  toWorkflowId,
} from '../../packages/agent/dist/index.js';
import { toTlsConfig } from '../../packages/agent/dist/temporal/temporal-tls.js';

interface PlannedRun {
  readonly index: number;
  readonly conversationId: string;
  readonly runId: string;
  readonly prompt: string;
}

export const AGENT_NAME = 'scale-out';

const [mode, runsFile] = process.argv.slice(2);
if (runsFile === undefined || !['stream', 'attach', 'placement', 'audit'].includes(mode ?? '')) {
  console.error('usage: client-host.ts stream|attach|placement|audit <runs.json>');
  process.exit(2);
}
const runs: PlannedRun[] = JSON.parse(readFileSync(runsFile, 'utf8'));
const config = readCliConfig(process.env);
const say = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ at: Date.now(), ...line })}\n`);

if (mode === 'audit' || mode === 'placement') {
  await inspect(mode);
} else {
  const agent = await Agent.create({
    name: AGENT_NAME,
    taskQueue: config.taskQueue,
    temporal: config.temporal,
    mode: 'autonomous',
    timeout: '10m',
    heartbeatTimeout: '3s',
  });
  say({ kind: 'connected', address: config.temporal.address });
  await Promise.all(runs.map((run) => follow(agent, run, mode === 'attach')));
  say({ kind: 'all-finished' });
  await agent.close();
}

async function follow(agent: Agent, planned: PlannedRun, attaching: boolean): Promise<void> {
  const id = agent.workflowIdFor(planned.conversationId, planned.runId);
  const attachedAt = Date.now();
  const run = attaching
    ? await agent.attach(id)
    : await agent.stream(planned.prompt, { conversationId: planned.conversationId, runId: planned.runId });
  say({ kind: attaching ? 'attached' : 'started', index: planned.index, id });
  let view = EMPTY_RUN_VIEW;
  let firstSeq: number | undefined;
  // Replayed: events made before this client attached (AG-UI's `timestamp`); live: made after.
  let replayed = 0;
  let live = 0;
  let lastAttempt = 0;
  let sawText = false;
  for await (const event of run.events() as AsyncIterable<AgentEvent>) {
    firstSeq ??= event.seq;
    if ((event.timestamp ?? 0) < attachedAt) replayed += 1;
    else live += 1;
    view = applyRunEvent(view, event);
    if (event.type === 'TEXT_MESSAGE_START' && (event.attempt ?? 1) !== lastAttempt) {
      lastAttempt = event.attempt ?? 1;
      say({ kind: 'attempt', index: planned.index, attempt: lastAttempt });
      sawText = false;
    }
    if (event.type === 'TEXT_MESSAGE_CONTENT' && !sawText) {
      sawText = true;
      say({ kind: 'text', index: planned.index, attempt: event.attempt ?? 1 });
    }
  }
  const result = await run.result();
  say({
    kind: 'finished',
    index: planned.index,
    status: result.status,
    attempts: result.attempts,
    firstSeq,
    replayed,
    live,
    foldedText: answerText(view),
    resultText: result.text,
  });
}

async function inspect(what: 'audit' | 'placement'): Promise<void> {
  const connection = await Connection.connect({
    address: config.temporal.address,
    tls: toTlsConfig(config.temporal.tls),
    apiKey: config.temporal.apiKey,
  });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  if (what === 'placement') {
    await Promise.all(
      runs.map(async (planned) => {
        const id = toWorkflowId({ agentName: AGENT_NAME, ...planned });
        const description = await client.workflow.getHandle(id).describe();
        const pending = description.raw.pendingActivities?.[0];
        say({
          kind: 'placement',
          index: planned.index,
          identity: pending?.lastWorkerIdentity ?? '',
          attempt: pending?.attempt ?? 0,
          state: String(pending?.state ?? ''),
        });
      }),
    );
    await connection.close();
    return;
  }
  for (const planned of runs) {
    const id = toWorkflowId({ agentName: AGENT_NAME, ...planned });
    const handle = client.workflow.getHandle(id);
    const history = await handle.fetchHistory();
    const started: { identity: string; attempt: number }[] = [];
    const completed: string[] = [];
    let completedAt = 0;
    const modelCalls = new Set<string>();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name === 'invokeModelStreaming') modelCalls.add(String(event.eventId));
      const start = event.activityTaskStartedEventAttributes;
      if (start && modelCalls.has(String(start.scheduledEventId))) {
        started.push({ identity: start.identity ?? '', attempt: start.attempt ?? 1 });
      }
      const done = event.activityTaskCompletedEventAttributes;
      if (done && modelCalls.has(String(done.scheduledEventId))) {
        completed.push(done.identity ?? '');
        completedAt =
          Number(event.eventTime?.seconds ?? 0) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6);
      }
    }
    const description = await handle.describe();
    const outcome = (await handle.result()) as { result?: { text?: string; status?: string } };
    say({
      kind: 'audit',
      index: planned.index,
      id,
      workflowStatus: description.status.name,
      modelCallsScheduled: modelCalls.size,
      started,
      completed,
      completedAt,
      temporalText: outcome.result?.text,
      temporalStatus: outcome.result?.status,
    });
  }
  await connection.close();
}
