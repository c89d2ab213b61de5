import { afterEach, describe, expect, it } from 'vitest';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { everythingServer } from './support/mcp-test-servers';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('MCP tools', () => {
  it('calls the echo tool of server-everything over stdio and answers from its result', async () => {
    fixture = await createAgentFixture({ worker: { mcpServers: { everything: everythingServer() } } });
    const result = await fixture.agent.run('call everything_echo with {"message":"hello MCP"}');
    expect(result.status).toBe('completed');
    expect(result.text).toBe('The everything_echo tool returned: Echo: hello MCP');
  });
});
