import { AgentError } from '../common/errors';
import { startDemoModel } from '../llm/demo-model';
import { type CommandLine, defineCommand } from './define-command';
import { UsageError } from './usage-error';

/** Port the `demo-model` command listens on unless told otherwise (next to Ollama's 11434). */
export const defaultDemoModelPort = 11435;

const flags = {
  port: { type: 'string' },
  host: { type: 'string' },
  pace: { type: 'string' },
  'context-window': { type: 'string' },
} as const;

const validOptions =
  'Valid options: --port <n>, --host <host>, --pace <tokens/s>, --context-window <tokens>, --help';

const helpText = `Usage: durable-agent demo-model [options]

Starts the offline OpenAI-compatible demo model: scripted, deterministic replies; no network, no API key.

Options:
  --port <n>         port to listen on (default ${defaultDemoModelPort}; 0 picks a free port)
  --host <host>      host to bind (default 127.0.0.1)
  --pace <tokens/s>  streaming speed in tokens per second (default 30; 0 = no delay)
  --context-window <tokens>
                     refuse prompts longer than this with HTTP 400 context_length_exceeded, and report
                     it as context_window in /v1/models (default: no limit)
  -h, --help         show this help

Control endpoint (loopback only): POST /__control/faults, DELETE /__control/faults,
POST /__control/pace {"tokensPerSecond": n}, GET /__control/stats.`;

function numberOption(
  name: string,
  text: string | undefined,
  fallback: number,
  valid: (value: number) => boolean,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !valid(value)) throw new UsageError(`Invalid --${name} "${text}".`);
  return value;
}

/** Resolves on SIGINT, SIGTERM or when `stop` aborts, removing its listeners. */
function shutdownRequested(stop: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      stop?.removeEventListener('abort', finish);
      resolve();
    };
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
    if (stop?.aborted) finish();
    else stop?.addEventListener('abort', finish, { once: true });
  });
}

/**
 * `durable-agent demo-model`: serves the demo model until SIGINT/SIGTERM (or `stop`, for tests).
 * Exit codes: 0 after a clean stop, 1 when the port is taken, 2 for bad options.
 */
export const run = defineCommand({
  name: 'demo-model',
  help: () => helpText,
  flags,
  usageHint: () => validOptions,
  parse: parseOptions,
  run: serveDemoModel,
});

interface DemoModelOptions {
  readonly port: number;
  readonly pace: number;
  readonly host: string;
  readonly contextWindow: number | undefined;
}

function parseOptions({ values }: CommandLine<typeof flags>): DemoModelOptions {
  const window = values['context-window'];
  return {
    port: numberOption(
      'port',
      values.port,
      defaultDemoModelPort,
      (n) => Number.isInteger(n) && n >= 0 && n <= 65_535,
    ),
    pace: numberOption('pace', values.pace, 30, (n) => Number.isFinite(n) && n >= 0),
    host: values.host ?? '127.0.0.1',
    contextWindow:
      window === undefined
        ? undefined
        : numberOption('context-window', window, 0, (n) => Number.isInteger(n) && n > 0),
  };
}

async function serveDemoModel(options: DemoModelOptions, stop?: AbortSignal): Promise<number> {
  const { port, pace, host, contextWindow } = options;

  let model: Awaited<ReturnType<typeof startDemoModel>>;
  try {
    model = await startDemoModel({ port, host, pace, contextWindow });
  } catch (error) {
    if (!(error instanceof AgentError && error.code === 'port-in-use')) throw error;
    console.error(`[error] ${error.message}; choose another with --port`);
    return 1;
  }
  const window = contextWindow === undefined ? '' : `, context window ${contextWindow} tokens`;
  console.log(`Demo model listening on ${model.baseURL} (pace ${pace} tokens/s${window})`);
  console.log(`Set OPENAI_BASE_URL=${model.baseURL} to use it.`);
  await shutdownRequested(stop);
  await model.close();
  console.log('Demo model stopped.');
  return 0;
}
