import type { AgentWorkerOptions } from '../worker/agent-worker-options';
import { textFlag } from './command-line';
import { UsageError } from './usage-error';

/** `durable-agent worker`'s flags for its live text endpoint. */
export const liveTextFlags = {
  'live-host': { type: 'string' },
  'live-port': { type: 'string' },
  'live-address': { type: 'string' },
  'no-live': { type: 'boolean' },
} as const;

export const liveTextFlagsHelp = `Live text (followers read answers as the model writes them; Temporal's history gets them in batches):
  --live-host <host>     interface the worker's live text endpoint listens on (default $DURABLE_AGENT_LIVE_HOST,
                         else 127.0.0.1: followers on this host only)
  --live-port <port>     its port (default $DURABLE_AGENT_LIVE_PORT, else a free one)
  --live-address <host:port>  the address followers on other hosts use to reach it (default
                         $DURABLE_AGENT_LIVE_ADDRESS, else the bound host and port)
  --no-live              no live endpoint: followers read text from Temporal's history only
                         (also DURABLE_AGENT_LIVE=off)`;

type LiveTextValues = {
  readonly 'live-host'?: string;
  readonly 'live-port'?: string;
  readonly 'live-address'?: string;
  readonly 'no-live'?: boolean;
};

/** The worker's `liveText` option from its flags, then the environment. */
export function liveTextOption(
  values: LiveTextValues,
  environment: NodeJS.ProcessEnv,
): AgentWorkerOptions['liveText'] {
  if (values['no-live'] || environment.DURABLE_AGENT_LIVE === 'off') return false;
  const host =
    textFlag('live-host', values['live-host']) ?? (environment.DURABLE_AGENT_LIVE_HOST || undefined);
  const portText =
    textFlag('live-port', values['live-port']) ?? (environment.DURABLE_AGENT_LIVE_PORT || undefined);
  const advertisedAddress =
    textFlag('live-address', values['live-address']) ?? (environment.DURABLE_AGENT_LIVE_ADDRESS || undefined);
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535))
    throw new UsageError(`Invalid --live-port "${portText}": a port number from 0 to 65535.`);
  return {
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(advertisedAddress === undefined ? {} : { advertisedAddress }),
  };
}
