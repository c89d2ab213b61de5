import { existsSync } from 'node:fs';
import path from 'node:path';
import { TemporalDevServer } from 'durable-agent';
import { findElectronBinary, notRunMessage } from './electron-binary';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * Refuses to start without the Electron binary or the built app (so a missing binary is a failure,
 * never a pass), then starts one in-memory Temporal dev server for every launch of the app
 * (DURABLE_AGENT_E2E_TEMPORAL_ADDRESS; set it yourself to use a server you run).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const binary = findElectronBinary();
  if (!binary.found) throw new Error(notRunMessage(binary.reason));
  const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((file) =>
    path.join(root, file),
  );
  const missing = built.filter((file) => !existsSync(file));
  if (missing.length > 0)
    throw new Error(`build the app first (npm run build); missing: ${missing.join(', ')}`);
  if (process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS) return async () => undefined;
  const server = await TemporalDevServer.start({ port: 0, headless: true, startTimeoutMs: 60_000 });
  process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS = server.address;
  return async () => {
    await server.stop();
  };
}
