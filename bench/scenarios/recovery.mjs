import { Agent, answerText, applyRunEvent, EMPTY_RUN_VIEW } from 'durable-agent';
import { historyStats } from '../support/history-stats.mjs';
import { round, sleep } from '../support/stats.mjs';
import { startWorker } from '../support/worker-process.mjs';

const PROMPT = 'reply with 1500 tokens';

/**
 * A long answer whose worker is interrupted (`kill` = kill -9, `stop` = graceful) once tokens flow, with
 * `takeover` = a second worker already polling, or `restart` = a new worker started right after. Measures
 * from the interruption to the first token of the next attempt, and checks the text has no lost or
 * duplicated part.
 */
export async function measureRecovery(environment, { interruption, takeover, heartbeatTimeout = '10s' }) {
  const taskQueue = `bench-recovery-${interruption}-${takeover}-${Date.now()}`;
  const workerOptions = {
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: environment.model.baseURL,
  };
  const workers = [await startWorker(workerOptions)];
  if (takeover === 'second-worker') workers.push(await startWorker(workerOptions));
  const agent = await Agent.create({
    name: 'bench',
    taskQueue,
    temporal: { address: environment.address },
    ...environment.agentOptions,
    heartbeatTimeout,
  });
  try {
    const run = await agent.stream(PROMPT);
    let view = EMPTY_RUN_VIEW;
    let interrupting;
    let interruptedAt;
    let interruptedAtEpoch;
    let resetMs;
    let nextTokenMs;
    // The worker is interrupted at a moment of the stream that nothing here is in step with: between 0.5
    // and 1.5 s after the first token (the moment a person presses Ctrl+C or a machine dies).
    const delayMs = 500 + Math.round(Math.random() * 1000);
    for await (const event of run.events()) {
      view = applyRunEvent(view, event);
      if (interrupting === undefined && event.type === 'TEXT_MESSAGE_CONTENT') {
        interrupting = sleep(delayMs).then(async () => {
          interruptedAt = performance.now();
          interruptedAtEpoch = Date.now();
          // Which worker runs the attempt is not known here: interrupt the one whose model call is open.
          const victim = await workerOfAttempt(workers, environment.client, run.id);
          if (interruption === 'kill') await victim.kill();
          else await victim.stop();
          workers.splice(workers.indexOf(victim), 1);
          if (takeover === 'restart') workers.push(await startWorker(workerOptions));
        });
      }
      if (interruptedAt === undefined) continue;
      if (resetMs === undefined && event.type === 'CUSTOM' && event.name === 'attempt-reset')
        resetMs = performance.now() - interruptedAt;
      if (nextTokenMs === undefined && event.type === 'TEXT_MESSAGE_CONTENT' && event.attempt > 1)
        nextTokenMs = performance.now() - interruptedAt;
    }
    await interrupting;
    const result = await run.result();
    const { timeline } = await historyStats(environment.client, run.id);
    return {
      nextAttemptStartedMs: timeline.lastActivityStarted + timeline.startedAtMs - interruptedAtEpoch,
      attemptResetReadMs: round(resetMs),
      interruption,
      takeover,
      interruptedAfterFirstTokenMs: delayMs,
      heartbeatTimeout,
      nextTokenMs: round(nextTokenMs),
      attempts: result.attempts,
      status: result.status,
      textExact: answerText(view) === result.text && result.text.split(' ').length >= 1400,
    };
  } finally {
    await agent.close();
    for (const worker of workers) await worker.kill();
  }
}

/** The worker running the run's model call: its identity (`name@host:pid`) is on the pending activity. */
async function workerOfAttempt(workers, client, workflowId) {
  if (workers.length === 1) return workers[0];
  const description = await client.workflow.getHandle(workflowId).describe();
  const identity = description.raw.pendingActivities?.[0]?.lastWorkerIdentity ?? '';
  const pid = Number(identity.slice(identity.lastIndexOf(':') + 1));
  const worker = workers.find((candidate) => candidate.pid === pid);
  if (!worker) throw new Error(`no bench worker has the identity "${identity}"`);
  return worker;
}
