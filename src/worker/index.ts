/**
 * A worker process of the app: runs an AgentWorker with the config the host passed (argv[2], API key by
 * env) and reports to the host: ready, each attempt it runs, stopping. Stops gracefully on SIGTERM,
 * SIGINT, a `shutdown` message, or when the host goes away.
 */
import { AgentWorker, calculator, currentTime, openAICompatible } from 'durable-agent';
import type {
  WorkerCommand,
  WorkerConfig,
  WorkerEnvironment,
  WorkerReport,
} from '../main/host/worker-protocol';

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const environment = process.env as WorkerEnvironment;
const report = (message: WorkerReport) => process.send?.(message, () => undefined);

try {
  const worker = await AgentWorker.create({
    name: config.agentName,
    taskQueue: config.taskQueue,
    identity: `${config.label} (pid ${process.pid})`,
    temporal: { address: config.temporalAddress, namespace: config.namespace },
    model: openAICompatible({
      baseURL: config.modelBaseUrl,
      apiKey: environment.DURABLE_AGENT_MODEL_API_KEY,
      model: config.modelName,
    }),
    tools: [calculator, currentTime],
    onActivity: (event) => report({ type: 'activity', event }),
  });
  const shutdown = () => {
    report({ type: 'stopping' });
    void worker.shutdown();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, shutdown);
  process.once('disconnect', shutdown);
  process.on('message', (command: WorkerCommand) => command.type === 'shutdown' && shutdown());
  report({ type: 'ready', identity: worker.identity });
  await worker.run();
  process.exit(0);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`worker failed: ${message}`);
  process.send?.({ type: 'failed', message } satisfies WorkerReport, () => process.exit(1)) ??
    process.exit(1);
}
