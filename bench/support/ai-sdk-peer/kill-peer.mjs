import { sleep } from '../stats.mjs';
import { startPeerWorker } from './peer-worker-process.mjs';
import { streamPeer } from './stream-peer.mjs';

const PROMPT = 'reply with 1500 tokens';

/**
 * A long peer answer whose worker is killed (kill -9) 0.5–1.5 s after the first token, with a second peer
 * worker already polling: from the kill to the next text a reader gets, and what the reader's text is
 * then beside the run's result (exact, duplicated — a retried model call publishes its text again — or
 * missing its end).
 */
export async function killPeerTrial(environment) {
  const taskQueue = `bench-peer-kill-${Date.now()}`;
  const options = {
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: environment.model.baseURL,
  };
  const workers = [await startPeerWorker(options), await startPeerWorker(options)];
  let killing;
  let killedAt;
  let nextTextMs;
  const delayMs = 500 + Math.round(Math.random() * 1000);
  try {
    let workflowId;
    const run = streamPeer(environment.client, taskQueue, PROMPT, {
      onStart: (id) => {
        workflowId = id;
      },
      onDelta: () => {
        if (killedAt !== undefined) nextTextMs ??= performance.now() - killedAt;
        killing ??= sleep(delayMs).then(async () => {
          const victim = await workerOfAttempt(workers, environment.client, workflowId);
          killedAt = performance.now();
          await victim.kill();
          workers.splice(workers.indexOf(victim), 1);
        });
      },
    });
    const result = await run;
    await killing;
    return {
      killedAfterFirstTokenMs: delayMs,
      nextTextMs: Math.round(nextTextMs),
      readerText: describeText(result.text, result.result),
    };
  } finally {
    for (const worker of workers) await worker.kill();
  }
}

/** How a reader's text compares with the run's result. */
export function describeText(read, result) {
  if (read === result) return 'exact';
  if (read.length > result.length) return `duplicated (${read.length - result.length} characters more)`;
  if (result.startsWith(read)) return `end missing (${result.length - read.length} characters)`;
  return 'differs';
}

/** The peer worker running the model call: the SDK's default identity is `<pid>@<host>`. */
async function workerOfAttempt(workers, client, workflowId) {
  const description = await client.workflow.getHandle(workflowId).describe();
  const identity = description.raw.pendingActivities?.[0]?.lastWorkerIdentity ?? '';
  const pid = Number(identity.slice(0, identity.indexOf('@')));
  const worker = workers.find((candidate) => candidate.pid === pid);
  if (!worker) throw new Error(`no peer worker has the identity "${identity}"`);
  return worker;
}
