import { A2A_PROTOCOL_VERSION, type AgentCard } from '@a2a-js/sdk';

/** What the agent card says of the agent behind `serve`. */
export interface AgentCardOptions {
  readonly name: string;
  readonly description?: string;
  /** The JSON-RPC endpoint's absolute URL, e.g. `http://127.0.0.1:8787/a2a`. */
  readonly url: string;
  /** Whether requests need `Authorization: Bearer <token>` (the card says so; it never holds the token). */
  readonly bearerToken: boolean;
}

/** The A2A 1.0 agent card served at `/.well-known/agent-card.json`: JSON-RPC, streaming, no push. */
export function agentCard(options: AgentCardOptions): AgentCard {
  return {
    name: options.name,
    description:
      options.description ??
      'A durable agent: each task is a Temporal workflow that survives restarts of this server and of its workers.',
    supportedInterfaces: [
      { url: options.url, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION },
    ],
    provider: undefined,
    version: '1.0.0',
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: options.bearerToken
      ? {
          bearer: {
            scheme: {
              $case: 'httpAuthSecurityScheme',
              value: {
                description: 'the token `serve` was started with',
                scheme: 'Bearer',
                bearerFormat: '',
              },
            },
          },
        }
      : {},
    securityRequirements: options.bearerToken ? [{ schemes: { bearer: { list: [] } } }] : [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'chat',
        name: 'Chat',
        description: 'Answers a message; tool calls that need approval ask for it (input-required).',
        tags: ['chat'],
        examples: [],
        inputModes: ['text/plain'],
        outputModes: ['text/plain'],
        securityRequirements: [],
      },
    ],
    signatures: [],
  };
}
