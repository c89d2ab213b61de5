import { Agent } from 'durable-agent';
import { startModelTap } from '../support/model-tap.mjs';
import { machine } from '../support/process-usage.mjs';
import { max, median, round } from '../support/stats.mjs';
import { streamDirect, streamLibrary } from '../support/streams.mjs';
import { textTiming, textTimingSummary } from '../support/text-timing.mjs';
import { startWorker } from '../support/worker-process.mjs';

/**
 * One run at a time: first token and a 500-token reply, direct (all of them first, alone) and then through
 * the library (medians and the library's worst); and how the library's reader sees the text — the gap
 * between its text updates and how far behind the model's own emission it is (p95; the worker reaches the
 * model through a tap that notes the emission times).
 */
export async function measureSingleRun(environment, repeats = 5) {
  const taskQueue = `bench-single-${Date.now()}`;
  const tap = await startModelTap(environment.model.baseURL);
  const worker = await startWorker({
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: tap.baseURL,
  });
  const agent = await Agent.create({
    name: 'bench',
    taskQueue,
    temporal: { address: environment.address },
    ...environment.agentOptions,
  });
  try {
    await streamLibrary(agent, 'Hello!');
    const direct = [];
    const library = [];
    // The baseline alone first, then the library, one stream at a time.
    const loadBeforeDirect = machine().loadAverage;
    for (let index = 0; index < repeats; index++)
      direct.push(await streamDirect(environment.model.baseURL, 'reply with 500 tokens'));
    const loadBeforeLibrary = machine().loadAverage;
    for (let index = 0; index < repeats; index++)
      library.push(await streamLibrary(agent, `reply with 500 tokens (single ${index})`));
    const firstDirect = median(direct.map((entry) => entry.firstTokenMs));
    const firstLibrary = median(library.map((entry) => entry.firstTokenMs));
    const totalDirect = median(direct.map((entry) => entry.totalMs));
    const totalLibrary = median(library.map((entry) => entry.totalMs));
    return {
      repeats,
      loadAverage: { beforeDirect: loadBeforeDirect, beforeLibrary: loadBeforeLibrary },
      firstTokenMs: {
        direct: round(firstDirect),
        library: round(firstLibrary),
        added: round(firstLibrary - firstDirect),
        worstLibrary: round(max(library.map((entry) => entry.firstTokenMs))),
      },
      reply500Ms: {
        direct: round(totalDirect),
        library: round(totalLibrary),
        ratio: round(totalLibrary / totalDirect, 3),
        worstLibrary: round(max(library.map((entry) => entry.totalMs))),
      },
      exactText: library.every((entry) => entry.textMatchesResult && entry.text === direct[0].text),
      liveText: textTimingSummary(
        library.map((entry) => textTiming(entry.updates, tap.emissions(entry.prompt))),
      ),
    };
  } finally {
    await agent.close();
    await worker.stop();
    await tap.close();
  }
}
