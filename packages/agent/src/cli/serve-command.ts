import { createServer } from 'node:http';
import type { Agent } from '../client/agent';
import { messageOf } from '../common/error-message';
import { createA2aHandler } from '../serve/a2a/a2a-handler';
import { createAgUiHandler } from '../serve/agui-handler';
import { loopbackHosts } from '../serve/request-origin';
import { type AgentFlagOptions, agentFlags, readAgentFlags } from './agent-flags';
import { textFlag } from './command-line';
import { type CommandLine, defineCommand } from './define-command';
import {
  isLoopback,
  type ListenAddress,
  listen,
  listenAddressFlags,
  readListenAddress,
  urlHost,
} from './listen-address';
import { serveHelp } from './serve-help';
import { serveAgent } from './serving-agent';
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

async function serveHttp(agent: Agent, options: ServeOptions) {
  const { address } = options;
  let port = address.port;
  const endpointOptions = {
    agent,
    token: address.token,
    corsOrigin: options.corsOrigin,
    allowedHosts: isLoopback(address.host) ? () => loopbackHosts(port, address.host) : undefined,
    onError: (error: unknown) => console.error(`[error] ${visibleText(messageOf(error))}`),
  };
  const agUi = createAgUiHandler(endpointOptions);
  const a2a = createA2aHandler(endpointOptions);
  const server = createServer((request, response) => a2a(request, response, () => agUi(request, response)));
  port = await listen(server, address.port, address.host);
  const base = `http://${urlHost(address.host)}:${port}`;
  console.log(`A2A endpoint: ${base}/a2a (agent card: /.well-known/agent-card.json)`);
  console.log(`AG-UI endpoint: ${base}/agent`);
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
    server.close();
    server.closeAllConnections();
  };
}
