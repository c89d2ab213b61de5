import { Agent } from 'durable-agent';
import { historyStats } from '../support/history-stats.mjs';
import { startModelTap } from '../support/model-tap.mjs';
import { machine, measureCpu, residentMemory, sampleMemory } from '../support/process-usage.mjs';
import { growth, scrape } from '../support/prometheus.mjs';
import { max, median, p95, round } from '../support/stats.mjs';
import { streamDirect, streamLibrary } from '../support/streams.mjs';
import { textTiming, textTimingSummary } from '../support/text-timing.mjs';
import { startWorker } from '../support/worker-process.mjs';

const PROMPT = 'reply with 200 tokens';

/**
 * N direct openai-client streams of a reply started together, alone (the baseline), then N runs of the same
 * reply through one `durable-agent worker`, started together, in this process. Measures latency, silences,
 * wall time, memory (the worker idle and at its peak), CPU, history and what the worker and the server did,
 * with the machine's load average before each half.
 */
export async function measureConcurrency(environment, runs, options = {}) {
  const taskQueue = `bench-concurrency-${runs}-${Date.now()}`;
  // The worker reaches the model through a tap that notes when each reply's text went out (runs are told
  // apart by a tag in their prompt), for "text behind the model".
  const tap = await startModelTap(environment.model.baseURL);
  const worker = await startWorker({
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: tap.baseURL,
    cpuProfileDir: options.cpuProfileDir,
  });
  const agent = await Agent.create({
    name: 'bench',
    taskQueue,
    temporal: { address: environment.address },
    ...environment.agentOptions,
  });
  try {
    await Promise.all([streamLibrary(agent, 'Hello!'), streamLibrary(agent, 'Hello!')]); // warm-up
    const expected = (await streamDirect(environment.model.baseURL, PROMPT)).text;
    // The baseline alone: nothing of the library runs while the direct streams are read.
    const loadBeforeDirect = machine().loadAverage;
    const directStartedAt = performance.now();
    const directResults = await Promise.all(
      Array.from({ length: runs }, () =>
        streamDirect(environment.model.baseURL, PROMPT).then((value) => ({
          ...value,
          endedAt: performance.now() - directStartedAt,
        })),
      ),
    );
    const loadBeforeLibrary = machine().loadAverage;
    const workerIdleRssMB = residentMemory(worker.pid)?.rssMB;
    const serverBefore = await scrape(environment.server.metricsURL);
    const workerBefore = await scrape(worker.metricsURL);
    await worker.probe();
    const cpu = measureCpu({ worker: worker.pid, temporal: environment.server.pid, bench: process.pid });
    const workerMemory = sampleMemory(worker.pid);
    const hostMemory = sampleMemory(process.pid);

    const startedAt = performance.now();
    const wallOf = (promise) =>
      promise.then((value) => ({ ...value, endedAt: performance.now() - startedAt }));
    const librarySettled = await Promise.allSettled(
      Array.from({ length: runs }, (_, index) => wallOf(streamLibrary(agent, `${PROMPT} (run ${index})`))),
    );
    const seconds = (performance.now() - startedAt) / 1000;

    const usage = cpu.stop();
    const workerRssMB = workerMemory.stop();
    const hostRssMB = hostMemory.stop();
    const probe = await worker.probe();
    const serverAfter = await scrape(environment.server.metricsURL);
    const workerAfter = await scrape(worker.metricsURL);

    const libraryResults = librarySettled
      .filter((entry) => entry.status === 'fulfilled')
      .map((entry) => entry.value);
    const failures = librarySettled
      .filter((entry) => entry.status === 'rejected')
      .map((entry) => String(entry.reason));
    const histories = [];
    for (const result of libraryResults) histories.push(await historyStats(environment.client, result.id));

    // Where the first token's time goes: from the client's start to each step (ms, p50 / p95 over runs).
    const stage = (pick) => {
      const values = libraryResults.map((result, index) => pick(result, histories[index]));
      return { p50: round(median(values)), p95: round(p95(values)) };
    };
    const sinceSubmit = (result, time) =>
      time === undefined
        ? undefined
        : time + histories[libraryResults.indexOf(result)].timeline.startedAtMs - result.startedAtEpoch;
    const firstTokenStages = {
      workflowStarted: stage((result) => result.submittedMs),
      firstTaskStarted: stage((result, history) => sinceSubmit(result, history.timeline.firstTaskStarted)),
      firstTaskCompleted: stage((result, history) =>
        sinceSubmit(result, history.timeline.firstTaskCompleted),
      ),
      modelCallStarted: stage((result, history) => sinceSubmit(result, history.timeline.activityStarted)),
      firstBatchSignalled: stage((result, history) =>
        sinceSubmit(result, history.timeline.firstBatchSignalled),
      ),
      modelRequested: stage((result) => {
        const at = tap.requestedAt(result.prompt);
        return at && at - result.startedAtEpoch;
      }),
      modelFirstToken: stage((result) => {
        const first = tap.emissions(result.prompt)[0];
        return first && first.at - result.startedAtEpoch;
      }),
      messageStartRead: stage((result) => result.messageStartMs),
      firstTokenRead: stage((result) => result.firstTokenMs),
    };
    const libraryWall = max(libraryResults.map((result) => result.endedAt));
    const directWall = max(directResults.map((result) => result.endedAt));
    const exact = libraryResults.filter(
      (result) => result.status === 'completed' && result.textMatchesResult && result.text === expected,
    ).length;
    const perSecond = (count) => round(count / seconds, 1);
    const serverRequests = growth(serverBefore, serverAfter, /^service_requests$/, ['operation'], {
      service_name: 'frontend',
    });
    const firstTokenP50 = (results) => median(results.map((result) => result.firstTokenMs));
    return {
      runs,
      loadAverage: { beforeDirect: loadBeforeDirect, beforeLibrary: loadBeforeLibrary },
      completed: libraryResults.filter((result) => result.status === 'completed').length,
      exactText: exact,
      failures: failures.slice(0, 3),
      direct: {
        firstTokenMs: {
          p50: round(median(directResults.map((r) => r.firstTokenMs))),
          p95: round(p95(directResults.map((r) => r.firstTokenMs))),
        },
        longestSilenceMs: { p95: round(p95(directResults.map((r) => r.longestSilenceMs))) },
        wallMs: round(directWall),
      },
      library: {
        firstTokenMs: {
          p50: round(median(libraryResults.map((r) => r.firstTokenMs))),
          p95: round(p95(libraryResults.map((r) => r.firstTokenMs))),
        },
        longestSilenceMs: { p95: round(p95(libraryResults.map((r) => r.longestSilenceMs))) },
        wallMs: round(libraryWall),
      },
      firstTokenStages,
      liveText: textTimingSummary(
        libraryResults.map((result) => textTiming(result.updates, tap.emissions(result.prompt))),
      ),
      firstTokenAddedMs: round(firstTokenP50(libraryResults) - firstTokenP50(directResults)),
      wallRatio: round(libraryWall / directWall, 2),
      medianRunRatio: round(
        median(libraryResults.map((r) => r.totalMs)) / median(directResults.map((r) => r.totalMs)),
        2,
      ),
      workerIdleRssMB: round(workerIdleRssMB),
      workerRssMB: round(workerRssMB),
      hostRssMB: round(hostRssMB),
      history: {
        eventsPerRun: round(median(histories.map((h) => h.events))),
        bytesPerRun: round(median(histories.map((h) => h.bytes))),
        eventsPerStreamingSecond: round(
          median(
            libraryResults.map(
              (result, index) => histories[index].events / Math.max(result.streamingMs / 1000, 0.001),
            ),
          ),
          1,
        ),
        byType: histories[0]?.byType,
      },
      cpu: usage,
      workerEventLoopDelayMs: probe?.eventLoopDelayMs,
      workerMemoryAtEndMB: probe?.memoryMB,
      rates: {
        signalsPerSecond: perSecond(serverRequests['service_requests SignalWorkflowExecution'] ?? 0),
        updatesPerSecond: perSecond(serverRequests['service_requests UpdateWorkflowExecution'] ?? 0),
        queriesPerSecond: perSecond(serverRequests['service_requests QueryWorkflow'] ?? 0),
        workflowTasksPerSecond: perSecond(
          serverRequests['service_requests RespondWorkflowTaskCompleted'] ?? 0,
        ),
        historyReadsPerSecond: perSecond(serverRequests['service_requests GetWorkflowExecutionHistory'] ?? 0),
      },
      serverRequests: Object.fromEntries(Object.entries(serverRequests).slice(0, 12)),
      workerMetrics: summarizeWorkerMetrics(growth(workerBefore, workerAfter, /^temporal_/, [])),
    };
  } finally {
    await agent.close();
    await worker.stop();
    await tap.close();
  }
}

/** Activations and their cost from the worker's Temporal metrics. */
function summarizeWorkerMetrics(metrics) {
  const mean = (name) => {
    const count = metrics[`${name}_count`];
    return count
      ? round((metrics[`${name}_sum`] / count) * (name.endsWith('_seconds') ? 1000 : 1), 2)
      : undefined;
  };
  return {
    workflowTasks:
      metrics.temporal_workflow_task_execution_latency_count ??
      metrics.temporal_workflow_task_execution_latency_seconds_count,
    workflowTaskExecutionMeanMs:
      mean('temporal_workflow_task_execution_latency') ??
      mean('temporal_workflow_task_execution_latency_seconds'),
    workflowTaskScheduleToStartMeanMs:
      mean('temporal_workflow_task_schedule_to_start_latency') ??
      mean('temporal_workflow_task_schedule_to_start_latency_seconds'),
    activityScheduleToStartMeanMs:
      mean('temporal_activity_schedule_to_start_latency') ??
      mean('temporal_activity_schedule_to_start_latency_seconds'),
    stickyCacheMisses: metrics.temporal_sticky_cache_miss ?? metrics.temporal_sticky_cache_miss_total,
    raw: metrics,
  };
}
