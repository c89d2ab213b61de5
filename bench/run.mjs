// npm run bench: the library's overhead against the openai client on the same demo model, and how fast
// a run recovers after kill -9 or a graceful stop of its worker. Prints a table, writes bench/results/*.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Agent, AgentWorker, openAICompatible, startDemoModel, TemporalDevServer } from 'durable-agent';
import { measureDirect, measureLibrary, measureRecovery, median } from './measure.mjs';
import { startWorker } from './worker-process.mjs';

const PACE = Number(process.env.BENCH_PACE ?? 100);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const REPLY = 'reply with 500 tokens';
const LONG_REPLY = 'reply with 1500 tokens';

const server = await TemporalDevServer.start({ port: 0, headless: true });
const model = await startDemoModel({ pace: PACE });
const rows = [];
const record = (name, value, unit, note = '') => {
  rows.push({ name, value: Math.round(value), unit, note });
  console.log(`  ${name}: ${Math.round(value)} ${unit} ${note}`);
};

try {
  console.log(`Benchmark: demo model at ${PACE} tokens/s, ${REPEATS} runs each (median)`);
  const worker = await AgentWorker.create({
    name: 'bench',
    taskQueue: 'bench',
    temporal: { address: server.address },
    model: openAICompatible({ baseURL: model.baseURL, model: 'demo' }),
  });
  const running = worker.run();
  const agent = await Agent.create({
    name: 'bench',
    taskQueue: 'bench',
    temporal: { address: server.address },
  });
  await measureLibrary(agent, 'Hello!'); // warm-up: workflow cache, connections

  const direct = [];
  const library = [];
  for (let index = 0; index < REPEATS; index++) {
    direct.push(await measureDirect(model.baseURL, REPLY));
    library.push(await measureLibrary(agent, REPLY));
  }
  const firstDirect = median(direct.map((entry) => entry.firstTokenMs));
  const firstLibrary = median(library.map((entry) => entry.firstTokenMs));
  const totalDirect = median(direct.map((entry) => entry.totalMs));
  const totalLibrary = median(library.map((entry) => entry.totalMs));
  record('first token, openai client', firstDirect, 'ms');
  record('first token, durable-agent', firstLibrary, 'ms', `(+${Math.round(firstLibrary - firstDirect)} ms)`);
  record('500-token reply, openai client', totalDirect, 'ms');
  record(
    '500-token reply, durable-agent',
    totalLibrary,
    'ms',
    `(ratio ${(totalLibrary / totalDirect).toFixed(2)})`,
  );
  await worker.shutdown();
  await running;

  for (const heartbeatTimeout of ['10s', '2s']) {
    const taskQueue = `bench-kill-${heartbeatTimeout}`;
    const recoveryAgent = await Agent.create({
      name: 'bench',
      taskQueue,
      temporal: { address: server.address },
      heartbeatTimeout,
    });
    const options = { temporalAddress: server.address, taskQueue, modelBaseURL: model.baseURL };
    let current = await startWorker(options);
    const killed = await measureRecovery(recoveryAgent, LONG_REPLY, async () => {
      await current.kill();
      current = await startWorker(options);
    });
    record(
      `recovery after kill -9 + immediate restart (heartbeat ${heartbeatTimeout})`,
      killed.recoveredMs,
      'ms',
      `(attempts ${killed.attempts})`,
    );
    const stopped = await measureRecovery(recoveryAgent, LONG_REPLY, async () => {
      await current.stop();
      current = await startWorker(options);
    });
    record(
      `recovery after graceful stop + immediate restart (heartbeat ${heartbeatTimeout})`,
      stopped.recoveredMs,
      'ms',
      `(attempts ${stopped.attempts})`,
    );
    await current.kill();
    await recoveryAgent.close();
  }
  await agent.close();

  const directory = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(directory, { recursive: true });
  const file = `${directory}bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    file,
    `${JSON.stringify({ pace: PACE, repeats: REPEATS, node: process.version, rows }, null, 2)}\n`,
  );
  console.table(rows);
  console.log(`written ${file}`);
} finally {
  await model.close();
  await server.stop();
}
