import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messageOf } from '../common/error-message';
import { DEFAULT_TASK_QUEUE } from '../common/names';
import type { TemporalOptions } from '../temporal/temporal-options';
import {
  checkTemporalAddress,
  resolveTemporalConnection,
  type TemporalFlagValues,
  temporalFlagsFromEnvironment,
} from './temporal-flags';
import { UsageError } from './usage-error';

/** What both commands read from the environment (after `.env`); flags override some of it. */
export interface CliConfig {
  readonly temporal: TemporalOptions & { readonly address: string; readonly namespace: string };
  readonly taskQueue: string;
  /** The worker's model endpoint; no `baseURL` means the offline demo model. */
  readonly openAI: { readonly baseURL?: string; readonly apiKey?: string; readonly model?: string };
  readonly dataDirectory: string;
  /** The worker's Temporal SDK log level (DURABLE_AGENT_SDK_LOG_LEVEL); default ERROR. */
  readonly sdkLogLevel: SdkLogLevel;
}

const sdkLogLevels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
type SdkLogLevel = (typeof sdkLogLevels)[number];

/** Every variable the commands read, with its meaning: `--help` and env.sample say the same. */
export const environmentVariables: readonly (readonly [name: string, meaning: string])[] = [
  ['TEMPORAL_ADDRESS', 'Temporal frontend host:port (default localhost:7233)'],
  ['TEMPORAL_NAMESPACE', 'Temporal namespace (default "default")'],
  ['TEMPORAL_API_KEY', 'API key for Temporal Cloud (turns TLS on)'],
  ['TEMPORAL_TLS', 'set to true to connect with TLS'],
  ['TEMPORAL_TLS_CERT', 'mTLS client certificate file (PEM)'],
  ['TEMPORAL_TLS_KEY', 'mTLS client private key file (PEM)'],
  ['TEMPORAL_TLS_CA', "CA file (PEM) of the server's certificate (default: system roots)"],
  ['TEMPORAL_TLS_SERVER_NAME', "name the server's certificate must carry (when the address differs)"],
  ['AGENT_TASK_QUEUE', `task queue shared by worker and agent (default "${DEFAULT_TASK_QUEUE}")`],
  ['OPENAI_BASE_URL', 'worker: OpenAI-compatible endpoint; unset = the offline demo model'],
  ['OPENAI_API_KEY', 'worker: API key for that endpoint (not needed by local servers)'],
  ['OPENAI_MODEL', 'worker: model name (default gpt-4o-mini; "demo" for the demo model)'],
  [
    'DURABLE_AGENT_SDK_LOG_LEVEL',
    'worker: Temporal SDK log level, ERROR (default), WARN, INFO, DEBUG or TRACE',
  ],
  [
    'DURABLE_AGENT_DATA_DIR',
    'agent: where conversations.db and cli-runs.json live (default ~/.local/share/durable-agent)',
  ],
];

/** Loads `.env` from `directory` if there is one; variables already set win. Returns the file loaded. */
export function loadDotEnvFile(directory = process.cwd()): string | undefined {
  const file = path.join(directory, '.env');
  if (!existsSync(file)) return undefined;
  try {
    process.loadEnvFile(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${messageOf(error)}`);
  }
  return file;
}

function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Reads the configuration from `env` and the Temporal flags, rejecting values that cannot work. */
export function readCliConfig(
  env: NodeJS.ProcessEnv = process.env,
  temporalFlagValues: TemporalFlagValues = {},
): CliConfig {
  const address = variable(env, 'TEMPORAL_ADDRESS') ?? 'localhost:7233';
  checkTemporalAddress('TEMPORAL_ADDRESS', address);
  const baseURL = variable(env, 'OPENAI_BASE_URL');
  if (baseURL !== undefined && !URL.canParse(baseURL)) {
    throw new UsageError(`OPENAI_BASE_URL "${baseURL}" is not a URL, e.g. http://localhost:11434/v1.`);
  }
  const tls = variable(env, 'TEMPORAL_TLS');
  if (tls !== undefined && !['true', 'false'].includes(tls)) {
    throw new UsageError(`TEMPORAL_TLS "${tls}" must be true or false.`);
  }
  const apiKey = variable(env, 'TEMPORAL_API_KEY');
  const sdkLogLevel = (variable(env, 'DURABLE_AGENT_SDK_LOG_LEVEL') ?? 'ERROR').toUpperCase();
  if (!(sdkLogLevels as readonly string[]).includes(sdkLogLevel)) {
    throw new UsageError(
      `DURABLE_AGENT_SDK_LOG_LEVEL "${sdkLogLevel}" must be one of ${sdkLogLevels.join(', ')}.`,
    );
  }
  return {
    temporal: resolveTemporalConnection(
      {
        address,
        namespace: variable(env, 'TEMPORAL_NAMESPACE') ?? 'default',
        ...(apiKey === undefined ? {} : { apiKey }),
        ...(tls === undefined ? {} : { tls: tls === 'true' }),
      },
      temporalFlagsFromEnvironment(env),
      temporalFlagValues,
    ),
    taskQueue: variable(env, 'AGENT_TASK_QUEUE') ?? DEFAULT_TASK_QUEUE,
    openAI: {
      baseURL,
      apiKey: variable(env, 'OPENAI_API_KEY'),
      model: variable(env, 'OPENAI_MODEL'),
    },
    sdkLogLevel: sdkLogLevel as SdkLogLevel,
    dataDirectory: expandHome(
      variable(env, 'DURABLE_AGENT_DATA_DIR') ?? path.join(os.homedir(), '.local', 'share', 'durable-agent'),
    ),
  };
}

/** `~/x` → `<home>/x`: a .env file is not read by a shell, so nothing else expands it. */
function expandHome(directory: string): string {
  if (directory === '~') return os.homedir();
  return directory.startsWith('~/') ? path.join(os.homedir(), directory.slice(2)) : directory;
}

/** The lines of `--help` that list the environment variables. */
export function environmentHelp(): string {
  const lines = environmentVariables.map(([name, meaning]) => `  ${name.padEnd(24)} ${meaning}`);
  return ['Environment (also read from ./.env; flags win):', ...lines].join('\n');
}
