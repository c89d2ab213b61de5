import { Agent } from 'durable-agent';
import { describeText, killPeerTrial } from '../support/ai-sdk-peer/kill-peer.mjs';
import { startPeerWorker } from '../support/ai-sdk-peer/peer-worker-process.mjs';
import { streamPeer } from '../support/ai-sdk-peer/stream-peer.mjs';
import { historyStats } from '../support/history-stats.mjs';
import { machine, residentMemory, sampleMemory } from '../support/process-usage.mjs';
import { max, median, p95, round } from '../support/stats.mjs';
import { streamDirect, streamLibrary } from '../support/streams.mjs';
import { startWorker } from '../support/worker-process.mjs';
import { measureRecovery } from './recovery.mjs';

const PROMPT = 'reply with 200 tokens';

/**
 * The same prompts on the same dev server and demo model through Temporal's `@temporalio/ai-sdk` (AI SDK
 * `streamText` in a workflow, the model call as its streaming activity, read from the workflow's stream)
 * and through Durable Agent, `runs` at once, each after the direct openai-client baseline alone: first
 * token, gap between text arrivals, wall time, history events and bytes per run, worker RSS.
 */
export async function measurePeerLevel(environment, runs) {
  const loadBeforeDirect = machine().loadAverage;
  const directStartedAt = performance.now();
  const direct = await Promise.all(
    Array.from({ length: runs }, () => streamDirect(environment.model.baseURL, PROMPT)),
  );
  const directWallMs = performance.now() - directStartedAt;
  const expected = direct[0].text;
  const baseline = {
    firstTokenMs: {
      p50: round(median(direct.map((r) => r.firstTokenMs))),
      p95: round(p95(direct.map((r) => r.firstTokenMs))),
    },
    wallMs: round(directWallMs),
  };
  const peer = await measurePeer(environment, runs, expected, directWallMs);
  const durableAgent = await measureDurableAgent(environment, runs, expected, directWallMs);
  return { runs, loadAverage: loadBeforeDirect, direct: baseline, peer, durableAgent };
}

/** What a kill -9 of the worker running a long answer does to each, with a second worker polling. */
export async function measurePeerKill(environment) {
  const peer = await killPeerTrial(environment);
  const ours = await measureRecovery(environment, { interruption: 'kill', takeover: 'second-worker' });
  return {
    peer,
    durableAgent: {
      killedAfterFirstTokenMs: ours.interruptedAfterFirstTokenMs,
      nextTextMs: ours.nextTokenMs,
      readerText: ours.textExact ? 'exact' : 'differs',
    },
  };
}

async function measurePeer(environment, runs, expected, directWallMs) {
  const taskQueue = `bench-peer-${runs}-${Date.now()}`;
  const worker = await startPeerWorker({
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: environment.model.baseURL,
  });
  try {
    await streamPeer(environment.client, taskQueue, 'Hello!'); // warm-up
    return await measureBurst(environment, worker, directWallMs, runs, async (index) => {
      const result = await streamPeer(environment.client, taskQueue, `${PROMPT} (peer ${index})`);
      return {
        id: result.id,
        firstTokenMs: result.firstTokenMs,
        gapsMs: gapsBetweenUpdates(result.arrivals),
        text: describeText(result.text, result.result),
        resultExact: result.result === expected,
        refusedPolls: result.refusedPolls,
      };
    });
  } finally {
    await worker.stop();
  }
}

async function measureDurableAgent(environment, runs, expected, directWallMs) {
  const taskQueue = `bench-peer-ours-${runs}-${Date.now()}`;
  const worker = await startWorker({
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: environment.model.baseURL,
  });
  const agent = await Agent.create({
    name: 'bench',
    taskQueue,
    temporal: { address: environment.address },
    ...environment.agentOptions,
  });
  try {
    await streamLibrary(agent, 'Hello!'); // warm-up
    return await measureBurst(environment, worker, directWallMs, runs, async (index) => {
      const result = await streamLibrary(agent, `${PROMPT} (ours ${index})`);
      return {
        id: result.id,
        firstTokenMs: result.firstTokenMs,
        gapsMs: result.updates.slice(1).map((update, i) => update.at - result.updates[i].at),
        text: describeText(result.text, expected),
        resultExact: result.textMatchesResult && result.text === expected,
      };
    });
  } finally {
    await agent.close();
    await worker.stop();
  }
}

/** `runs` runs started together through `runOne`, and what they cost. */
async function measureBurst(environment, worker, directWallMs, runs, runOne) {
  const idleRssMB = residentMemory(worker.pid)?.rssMB;
  const memory = sampleMemory(worker.pid);
  const startedAt = performance.now();
  const results = await Promise.all(Array.from({ length: runs }, (_, index) => runOne(index)));
  const wallMs = performance.now() - startedAt;
  const peakRssMB = memory.stop();
  const histories = [];
  for (const result of results) histories.push(await historyStats(environment.client, result.id));
  const gaps = results.flatMap((result) => result.gapsMs);
  return {
    firstTokenMs: {
      p50: round(median(results.map((r) => r.firstTokenMs))),
      p95: round(p95(results.map((r) => r.firstTokenMs))),
    },
    gapMs: { p50: round(median(gaps)), p95: round(p95(gaps)), max: round(max(gaps)) },
    wallMs: round(wallMs),
    wallRatio: round(wallMs / directWallMs, 2),
    readerTextExact: results.filter((result) => result.text === 'exact').length,
    readerText: [...new Set(results.map((result) => result.text))].slice(0, 3),
    resultExact: results.filter((result) => result.resultExact).length,
    refusedPolls: results.reduce((sum, result) => sum + (result.refusedPolls ?? 0), 0),
    historyEventsPerRun: round(median(histories.map((history) => history.events))),
    historyBytesPerRun: round(median(histories.map((history) => history.bytes))),
    workerRssMB: { idle: round(idleRssMB), peak: round(peakRssMB) },
  };
}

/**
 * Gaps between the moments a reader's text grew: the parts that came in one poll's answer arrive within
 * the same millisecond and are one update of what a reader shows.
 */
function gapsBetweenUpdates(arrivals) {
  const updates = arrivals.filter((at, index) => index === 0 || at - arrivals[index - 1] >= 1);
  return updates.slice(1).map((at, index) => at - updates[index]);
}
