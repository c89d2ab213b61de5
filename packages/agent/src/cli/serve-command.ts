import type { Agent } from '../client/agent';
import { messageOf } from '../common/error-message';
import { createA2aHandler } from '../serve/a2a/a2a-handler';
import { createAgUiHandler } from '../serve/agui-handler';
import { type AgentFlagOptions, agentFlags, readAgentFlags } from './agent-flags';
import { textFlag } from './command-line';
import { type CommandLine, defineCommand } from './define-command';
import { type ListenAddress, listenAddressFlags, listenAt, readListenAddress } from './listen-address';
import { serveHelp } from './serve-help';
import { type StopServing, serveAgent } from './serving-agent';
import { visibleText } from './terminal-text';

const flags = {
  ...agentFlags,
  ...listenAddressFlags,
  'cors-origin': { type: 'string' },
} as const;

export const DEFAULT_SERVE_PORT = 8787;

interface ServeOptions extends AgentFlagOptions {
  readonly address: ListenAddress;
  readonly corsOrigin: string | undefined;
}

function parseOptions({ values }: CommandLine<typeof flags>): ServeOptions {
  return {
    ...readAgentFlags(values),
    address: readListenAddress(values, DEFAULT_SERVE_PORT),
    corsOrigin: textFlag('cors-origin', values['cors-origin']),
  };
}

/** `durable-agent serve`. Exit codes: 0 after Ctrl+C, 1 on failure, 2 for bad options. */
export const run = defineCommand({
  name: 'serve',
  help: serveHelp,
  flags,
  parse: parseOptions,
  run: (options) => serveAgent(options, (agent) => serveHttp(agent, options)),
});

async function serveHttp(agent: Agent, options: ServeOptions): Promise<StopServing> {
  const { address } = options;
  const listening = await listenAt(address, (allowedHosts) => {
    const endpointOptions = {
      agent,
      token: address.token,
      corsOrigin: options.corsOrigin,
      allowedHosts,
      onError: (error: unknown) => console.error(`[error] ${visibleText(messageOf(error))}`),
    };
    const agUi = createAgUiHandler(endpointOptions);
    const a2a = createA2aHandler(endpointOptions);
    return (request, response) => a2a(request, response, () => agUi(request, response));
  });
  console.log(`A2A endpoint: ${listening.url}/a2a (agent card: /.well-known/agent-card.json)`);
  console.log(`AG-UI endpoint: ${listening.url}/agent`);
  if (address.token === undefined) {
    console.log(
      'No token: every program and user on this machine can start, read and cancel runs here. Web pages of other sites cannot (JSON bodies, Host and Origin are checked). Set --token <secret> to require one.',
    );
  }
  console.log(
    `Serve pid ${process.pid}; task queue "${agent.taskQueue}" on ${options.config.temporal.address}.`,
  );
  console.log('Runs execute on `durable-agent worker` processes. Press Ctrl+C to stop.');
  return () => {
    console.log('Stopping: open streams are closed; their runs go on (POST the same runId to re-attach).');
    listening.close();
  };
}
