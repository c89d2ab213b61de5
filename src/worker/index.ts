/**
 * A worker process of the app: runs an AgentWorker with the config the host passed (argv[2], API key by
 * env) and reports to the host: ready, each attempt it runs, stopping. Stops gracefully on SIGTERM,
 * SIGINT, a `shutdown` message, or when the host goes away. Talks over `process.send` (a Node child
 * process) or `process.parentPort` (an Electron utility process).
 *
 * A standby (`config.standby`) connects and creates its worker ahead, reports `standby`, and starts polling
 * when the host sends `poll` — it replaces a worker whose process ended without a start-up to wait for.
 *
 * When Temporal cannot be reached it reports `failed` and exits with code 1; the supervisor starts it
 * again with backoff until Temporal answers. A fresh process is simpler than a reconnect loop here and
 * also covers any other way a worker dies by itself. Once connected, the SDK retries its polls through a
 * Temporal outage by itself and picks up work when the server is back.
 */
import {
  AgentWorker,
  calculator,
  currentTime,
  messageOf,
  modelEndpoints,
  openAICompatible,
  researcherAgent,
} from 'durable-agent';
import type {
  WorkerCommand,
  WorkerConfig,
  WorkerEnvironment,
  WorkerModelProfile,
  WorkerReport,
} from '../shared/worker-protocol';

type ParentPort = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
};
/** How long a worker whose host went away may take to stop gracefully. */
const ORPHAN_GRACE_MS = 5000;
const parentPort = (process as { parentPort?: ParentPort }).parentPort;
const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const environment = process.env as WorkerEnvironment;
const report = (message: WorkerReport, then?: () => void) => {
  if (parentPort) parentPort.postMessage(message);
  else if (process.send) return void process.send(message, () => then?.());
  then?.();
};

/** TLS and API key of an external Temporal: the plain parts from the config, the secrets from the environment. */
function temporalCredentials(workerConfig: WorkerConfig, variables: WorkerEnvironment) {
  const apiKey = variables.DURABLE_AGENT_TEMPORAL_API_KEY;
  const clientKey = variables.DURABLE_AGENT_TEMPORAL_CLIENT_KEY;
  const tls =
    typeof workerConfig.temporalTls === 'object'
      ? { ...workerConfig.temporalTls, ...(clientKey ? { clientKey } : {}) }
      : workerConfig.temporalTls;
  return { ...(tls === undefined ? {} : { tls }), ...(apiKey ? { apiKey } : {}) };
}

/** The endpoint of Settings, and each model profile's endpoint under its id (`@<id>/<model>`). */
function models(workerConfig: WorkerConfig, variables: WorkerEnvironment) {
  const profiles = JSON.parse(variables.DURABLE_AGENT_MODEL_PROFILES ?? '{}') as Record<
    string,
    WorkerModelProfile
  >;
  // A conversation may choose another model of an endpoint (its model picker lists them): anyModel.
  const endpoints = Object.entries(profiles).map(([id, profile]) => [
    id,
    openAICompatible({
      baseURL: profile.baseUrl,
      apiKey: profile.apiKey,
      model: profile.model,
      anyModel: true,
    }),
  ]);
  const main = openAICompatible({
    baseURL: workerConfig.modelBaseUrl,
    apiKey: variables.DURABLE_AGENT_MODEL_API_KEY,
    model: workerConfig.modelName,
    anyModel: true,
  });
  return modelEndpoints(main, Object.fromEntries(endpoints));
}
/** Polling begins once ordered: at once, or for a standby when the host sends `poll`. */
let orderPolling = () => {};
const pollOrder = new Promise<void>((resolve) => {
  orderPolling = resolve;
});
if (!config.standby) orderPolling();
let polling = false;
let worker: AgentWorker | undefined;
const shutdown = () => {
  report({ type: 'stopping' });
  // Not polling yet (a standby, or still starting): nothing to hand back.
  if (!polling || !worker) return void process.exit(0);
  void worker.shutdown();
};
const onCommand = (command: WorkerCommand) => {
  if (command.type === 'shutdown') shutdown();
  else if (command.type === 'poll') orderPolling();
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, shutdown);
// The host is gone: nobody will restart or stop us. A graceful stop needs Temporal, which may be down
// too (then it would hang for ~25 s): give it a few seconds, then leave.
process.once('disconnect', () => {
  shutdown();
  setTimeout(() => process.exit(0), ORPHAN_GRACE_MS).unref();
});
if (parentPort) parentPort.on('message', (event) => onCommand(event.data as WorkerCommand));
else process.on('message', onCommand);

try {
  worker = await AgentWorker.create({
    name: config.agentName,
    taskQueue: config.taskQueue,
    identity: `${config.label} (pid ${process.pid})`,
    temporal: {
      address: config.temporalAddress,
      namespace: config.namespace,
      ...temporalCredentials(config, environment),
    },
    model: models(config, environment),
    tools: [calculator, currentTime],
    agents: [researcherAgent],
    onActivity: (event) => report({ type: 'activity', event }),
    ...(config.attachmentFolder ? { attachmentFolder: config.attachmentFolder } : {}),
    mcpServers: environment.DURABLE_AGENT_MCP_SERVERS
      ? JSON.parse(environment.DURABLE_AGENT_MCP_SERVERS)
      : {},
    onMcpServerStatus: (status) => report({ type: 'mcp-status', status }),
  });
  if (config.standby) report({ type: 'standby', identity: worker.identity });
  await pollOrder;
  polling = true;
  report({ type: 'ready', identity: worker.identity });
  await worker.run();
  process.exit(0);
} catch (error) {
  const message = messageOf(error);
  console.error(`worker failed: ${message}`);
  report({ type: 'failed', message }, () => process.exit(1));
}
