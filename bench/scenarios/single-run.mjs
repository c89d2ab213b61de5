import { Agent } from 'durable-agent';
import { median, round } from '../support/stats.mjs';
import { streamDirect, streamLibrary } from '../support/streams.mjs';
import { startWorker } from '../support/worker-process.mjs';

/** One run at a time: first token and a 500-token reply, direct and through the library (medians). */
export async function measureSingleRun(environment, repeats = 5) {
  const taskQueue = `bench-single-${Date.now()}`;
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
    await streamLibrary(agent, 'Hello!');
    const direct = [];
    const library = [];
    for (let index = 0; index < repeats; index++) {
      direct.push(await streamDirect(environment.model.baseURL, 'reply with 500 tokens'));
      library.push(await streamLibrary(agent, 'reply with 500 tokens'));
    }
    const firstDirect = median(direct.map((entry) => entry.firstTokenMs));
    const firstLibrary = median(library.map((entry) => entry.firstTokenMs));
    const totalDirect = median(direct.map((entry) => entry.totalMs));
    const totalLibrary = median(library.map((entry) => entry.totalMs));
    return {
      firstTokenMs: {
        direct: round(firstDirect),
        library: round(firstLibrary),
        added: round(firstLibrary - firstDirect),
      },
      reply500Ms: {
        direct: round(totalDirect),
        library: round(totalLibrary),
        ratio: round(totalLibrary / totalDirect, 3),
      },
      exactText: library.every((entry) => entry.textMatchesResult && entry.text === direct[0].text),
    };
  } finally {
    await agent.close();
    await worker.stop();
  }
}
