import { existsSync } from 'node:fs';
import { TemporalDevServer } from 'durable-agent';
import { outputPaths } from './output-paths';

/**
 * One in-memory Temporal dev server for every spec (its address in DURABLE_AGENT_E2E_TEMPORAL_ADDRESS,
 * which the specs' processes inherit). Set that variable yourself to use a server you run.
 * Checks first that what the specs run has been built (`npm run test:e2e` builds it).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const missing = outputPaths.required.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `e2e: build first (npm run build:lib && npm run build:renderer && npm run build:web); missing: ${missing.join(', ')}`,
    );
  }
  if (process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS) return async () => undefined;
  const server = await TemporalDevServer.start({ port: 0, headless: true, startTimeoutMs: 60_000 });
  process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS = server.address;
  return async () => {
    await server.stop();
  };
}
