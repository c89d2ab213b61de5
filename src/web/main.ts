/**
 * Web mode (`npm run web`): the host in plain Node, the renderer and the contract over a WebSocket on
 * 127.0.0.1 with a random token. Prints the address to open.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { messageOf } from 'durable-agent';
import { createHost } from '../host/host';
import { childProcessLauncher } from '../host/workers/child-process-launcher';
import { createAccessToken } from './access-token';
import { parseWebOptions, WEB_USAGE } from './web-options';
import { startWebServer } from './web-server';

const log = (line: string) => console.error(`[durable-agent] ${line}`);

async function main(): Promise<void> {
  const options = parseWebOptions(
    process.argv.slice(2),
    process.env,
    fileURLToPath(new URL('../renderer', import.meta.url)),
  );
  if (options === 'help') {
    console.log(WEB_USAGE);
    return;
  }
  const builtWorker = fileURLToPath(new URL('./worker.js', import.meta.url));
  const entry = existsSync(builtWorker)
    ? builtWorker
    : fileURLToPath(new URL('../worker/index.ts', import.meta.url));
  const host = await createHost({
    dataDir: options.dataDir,
    launcher: childProcessLauncher({ entry, onOutput: log }),
    temporal: options.temporalAddress
      ? { kind: 'external', address: options.temporalAddress }
      : { kind: 'embedded', port: options.temporalPort },
    initialWorkers: options.workers,
    standbyWorkers: options.standbyWorkers,
    demoModelPace: options.demoPace,
    log,
    instanceName: 'web mode',
  });
  const server = await startWebServer({
    host,
    token: createAccessToken(),
    port: options.port,
    rendererDir: options.rendererDir,
    log,
  });
  console.log(`Durable Agent web UI: ${server.url}`);
  log(`data folder: ${options.dataDir}`);
  host.started.then(
    (report) => log(`ready (${report.resumed} unfinished run(s) re-attached)`),
    (error: unknown) => log(`Temporal is not available: ${messageOf(error)}`),
  );
  let quitting = false;
  const quit = (signal: string) => {
    if (quitting) return;
    quitting = true;
    log(`${signal}: stopping workers and Temporal…`);
    void Promise.all([server.close(), host.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', () => quit('SIGINT'));
  process.on('SIGTERM', () => quit('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Durable Agent web mode could not start: ${messageOf(error)}`);
  process.exit(1);
});
