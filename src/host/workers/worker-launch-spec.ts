import { LEAN_WORKER_PROCESS, type TemporalTlsOptions } from 'durable-agent';
import {
  MCP_SERVERS_VARIABLE,
  MODEL_API_KEY_VARIABLE,
  MODEL_PROFILES_VARIABLE,
  TEMPORAL_API_KEY_VARIABLE,
  TEMPORAL_CLIENT_KEY_VARIABLE,
  type WorkerConfig,
} from '../../shared/worker-protocol';
import type { WorkerRuntimeConfig } from './supervised-worker';
import type { WorkerLaunchSpec } from './worker-launcher';

/**
 * How to start one worker's process: its configuration as JSON in argv, the secrets in the environment,
 * and the library's lean worker settings (~30 MB less memory at rest).
 */
export function workerLaunchSpec(
  runtimeConfig: WorkerRuntimeConfig,
  worker: Pick<WorkerConfig, 'workerId' | 'label' | 'taskQueue'>,
): WorkerLaunchSpec {
  const { apiKey, mcpServers, modelProfiles, temporalTls, temporalApiKey, ...runtime } = runtimeConfig;
  const { clientKey, ...plainTls } = typeof temporalTls === 'object' ? temporalTls : { clientKey: undefined };
  const config: WorkerConfig = {
    ...runtime,
    ...(temporalTls === undefined
      ? {}
      : { temporalTls: typeof temporalTls === 'object' ? pemText(plainTls) : temporalTls }),
    ...worker,
  };
  return {
    label: worker.label,
    args: [JSON.stringify(config)],
    execArgv: LEAN_WORKER_PROCESS.execArgv,
    env: {
      ...LEAN_WORKER_PROCESS.env,
      ...(apiKey ? { [MODEL_API_KEY_VARIABLE]: apiKey } : {}),
      ...(temporalApiKey ? { [TEMPORAL_API_KEY_VARIABLE]: temporalApiKey } : {}),
      ...(clientKey ? { [TEMPORAL_CLIENT_KEY_VARIABLE]: String(clientKey) } : {}),
      ...(mcpServers && Object.keys(mcpServers).length > 0
        ? { [MCP_SERVERS_VARIABLE]: JSON.stringify(mcpServers) }
        : {}),
      ...(modelProfiles && Object.keys(modelProfiles).length > 0
        ? { [MODEL_PROFILES_VARIABLE]: JSON.stringify(modelProfiles) }
        : {}),
    },
  };
}

/** The same launch as a standby: it connects and creates its worker, and polls only once promoted. */
export function standbySpec(spec: WorkerLaunchSpec): WorkerLaunchSpec {
  const config = JSON.parse(spec.args[0] ?? '{}') as WorkerConfig;
  return { ...spec, label: `${spec.label} (standby)`, args: [JSON.stringify({ ...config, standby: true })] };
}

/** The TLS options' PEM parts as text (they travel as JSON). */
function pemText(tls: Omit<TemporalTlsOptions, 'clientKey'>): WorkerConfig['temporalTls'] {
  const text = (value: string | Uint8Array | undefined) =>
    value === undefined ? undefined : typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  return {
    ...(tls.serverName === undefined ? {} : { serverName: tls.serverName }),
    ...(tls.serverCa === undefined ? {} : { serverCa: text(tls.serverCa) }),
    ...(tls.clientCert === undefined ? {} : { clientCert: text(tls.clientCert) }),
  };
}
