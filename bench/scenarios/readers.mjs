import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent } from 'durable-agent';
import { historyStats } from '../support/history-stats.mjs';
import { median, round } from '../support/stats.mjs';
import { streamLibrary } from '../support/streams.mjs';
import { startWorker } from '../support/worker-process.mjs';

const READER = fileURLToPath(new URL('../support/reader-process.mjs', import.meta.url));
const PROMPT = 'reply with 500 tokens';

/**
 * One run read by 1 reader, then one read by 5 (the submitter plus 4 reader processes, like a second
 * window, a re-attached CLI, AG-UI clients): the history each leaves, in events and bytes.
 */
export async function measureReaders(environment, readerCounts = [1, 5]) {
  const taskQueue = `bench-readers-${Date.now()}`;
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
  const rows = [];
  try {
    await streamLibrary(agent, 'Hello!');
    for (const readers of readerCounts) {
      const runId = `readers-${readers}-${Date.now()}`;
      const others = Array.from({ length: readers - 1 }, () =>
        readInChild({ address: environment.address, taskQueue, id: agent.workflowIdFor(runId, runId) }),
      );
      const own = await streamLibrary(agent, PROMPT, { conversationId: runId, runId });
      const otherResults = await Promise.all(others);
      const history = await historyStats(environment.client, own.id);
      rows.push({
        readers,
        exactText: [own, ...otherResults].every((result) => result.textMatchesResult),
        historyEvents: history.events,
        historyBytes: history.bytes,
        eventsPerStreamingSecond: round(history.events / (own.streamingMs / 1000), 1),
        byType: history.byType,
        readerFirstTokenMs: round(median([own, ...otherResults].map((result) => result.firstTokenMs))),
      });
    }
    return rows;
  } finally {
    await agent.close();
    await worker.stop();
  }
}

/** A reader in its own process: attaches to `id` as soon as it exists and reads it to the end. */
function readInChild(options) {
  return new Promise((resolve, reject) => {
    const child = fork(READER, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', resolve);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`reader exited with ${code}`))));
  });
}
