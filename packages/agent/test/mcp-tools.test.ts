import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../src/common/types';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { everythingServer, McpHttpServer } from './support/mcp-test-servers';
import { callTool, say, scriptedModel } from './support/scripted-model';
import { historyEvents, localActivityResults, scheduledActivities } from './support/workflow-history';

let fixture: AgentFixture | undefined;
let httpServer: McpHttpServer | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  await httpServer?.stop();
  httpServer = undefined;
});

function toolMessages(messages: readonly ConversationMessage[]): string[] {
  return messages.flatMap((message) => (message.role === 'tool' ? [message.content] : []));
}

function toolError(content: string | undefined): string {
  return (JSON.parse(content ?? '{}') as { error?: string }).error ?? '';
}

describe('MCP tools', () => {
  it('calls the echo tool of server-everything over stdio and answers from its result', async () => {
    fixture = await createAgentFixture({ worker: { mcpServers: { everything: everythingServer() } } });
    const result = await fixture.agent.run('call everything_echo with {"message":"hello MCP"}');
    expect(result.status).toBe('completed');
    expect(toolMessages(result.messages)).toEqual(['Echo: hello MCP']);
    expect(result.text).toBe('The everything_echo tool returned: Echo: hello MCP');
  });

  it('calls a tool of server-everything over Streamable HTTP', async () => {
    httpServer = await McpHttpServer.everything();
    fixture = await createAgentFixture({ worker: { mcpServers: { remote: { url: httpServer.url } } } });
    const result = await fixture.agent.run('call remote_get-sum with {"a":2,"b":3}');
    expect(result.status).toBe('completed');
    expect(toolMessages(result.messages)).toEqual(['The sum of 2 and 3 is 5.']);
  });

  it('records the run’s tool list with its first model call and shows each call as <server>.<tool> in Temporal', async () => {
    fixture = await createAgentFixture({ worker: { mcpServers: { everything: everythingServer() } } });
    const run = await fixture.agent.stream('call everything_echo with {"message":"recorded"}');
    expect((await run.result()).status).toBe('completed');

    const events = await historyEvents(run.id);
    const activities = scheduledActivities(events);
    expect(activities.map((activity) => activity.type)).toEqual([
      'invokeModelStreaming',
      'callTool',
      'invokeModelStreaming',
    ]);
    // The first model call listed the run's tools: the list is in its result, in the history. The only
    // local activities reserve each model call's live address (run format 3), no tool list.
    const reservation = expect.objectContaining({
      address: expect.objectContaining({ url: expect.any(String) }),
    });
    expect(localActivityResults(events)).toEqual([reservation, reservation]);
    const listed = (activities[0]?.result as { listedTools?: { tools: { name: string }[] } } | undefined)
      ?.listedTools;
    expect(listed?.tools).toContainEqual(
      expect.objectContaining({ name: 'everything_echo', label: 'everything.echo', requiresApproval: false }),
    );
    expect(listed?.tools).toContainEqual(
      expect.objectContaining({ name: 'everything_toggle-simulated-logging', requiresApproval: true }),
    );
    expect(activities[1]?.summary).toBe('everything.echo');
  });

  it('summarises an image in text (type and size) for the model', async () => {
    fixture = await createAgentFixture({ worker: { mcpServers: { everything: everythingServer() } } });
    const result = await fixture.agent.run('call everything_get-tiny-image with {}');
    const [content] = toolMessages(result.messages);
    expect(content).toMatch(/\[image: image\/png, [\d.]+ (bytes|KB)\]/);
    expect(content).not.toMatch(/iVBORw0KGgo/); // no base64 in the conversation
  });

  it('summarises resource links and embedded resources (URI, type, size) for the model', async () => {
    fixture = await createAgentFixture({ worker: { mcpServers: { everything: everythingServer() } } });
    const links = await fixture.agent.run('call everything_get-resource-links with {"count":2}');
    const [linked] = toolMessages(links.messages);
    expect(linked).toContain('Here are 2 resource links');
    expect(linked).toMatch(
      /\[resource link: demo:\/\/resource\/dynamic\/blob\/1 \(Blob Resource 1, [\w/.-]+\)\]/,
    );
    const embedded = await fixture.agent.run(
      'call everything_get-resource-reference with {"resourceType":"Blob","resourceId":1}',
    );
    const [reference] = toolMessages(embedded.messages);
    expect(reference).toMatch(/\[resource: demo:\/\/resource\/dynamic\/blob\/1 \([\w/.-]+, \d+ bytes\)\]/);
  });

  it('reconnects to a Streamable HTTP server that was restarted, and the call that found it gone is retried', async () => {
    httpServer = await McpHttpServer.everything();
    fixture = await createAgentFixture({ worker: { mcpServers: { remote: { url: httpServer.url } } } });
    expect((await fixture.agent.run('call remote_echo with {"message":"one"}')).text).toContain('Echo: one');
    await httpServer.restart();
    const run = await fixture.agent.stream('call remote_echo with {"message":"two"}');
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(toolMessages(result.messages)).toEqual(['Echo: two']);
    const calls = scheduledActivities(await historyEvents(run.id)).filter((each) => each.type === 'callTool');
    expect(calls.map((call) => call.attempt)).toEqual([2]);
  });

  it('gives the model a clear tool error for arguments that do not match the input schema, without calling the server', async () => {
    fixture = await createAgentFixture({ worker: { mcpServers: { everything: everythingServer() } } });
    const result = await fixture.agent.run('call everything_get-sum with {"a":"two"}');
    expect(result.status).toBe('completed');
    const error = toolError(toolMessages(result.messages)[0]);
    expect(error).toContain('invalid arguments for everything_get-sum');
    expect(error).toContain("must have required property 'b'");
    expect(error).toContain('a must be number');
    expect(result.text).toMatch(/^The tool failed: invalid arguments/);
  });

  it('refuses a tool name the model invents, naming the tools the run has, and the run goes on', async () => {
    const model = scriptedModel('scripted', [
      callTool('call-1', 'everything_teleport', { to: 'Mars' }),
      say('There is no such tool.'),
    ]);
    fixture = await createAgentFixture({ worker: { model, mcpServers: { everything: everythingServer() } } });
    const result = await fixture.agent.run('Teleport me');
    expect(result.status).toBe('completed');
    const error = toolError(toolMessages(result.messages)[0]);
    expect(error).toMatch(/^unknown tool "everything_teleport" \(available: .*everything_echo/);
    expect(result.text).toBe('There is no such tool.');
  });

  it('times out a call the server does not answer, naming server and tool, and tells the model', async () => {
    fixture = await createAgentFixture({
      worker: { mcpServers: { slow: everythingServer({ timeout: 1 }) } },
    });
    const result = await fixture.agent.run(
      'call slow_trigger-long-running-operation with {"duration":30,"steps":1}',
    );
    expect(result.status).toBe('completed');
    expect(toolError(toolMessages(result.messages)[0])).toBe(
      'slow.trigger-long-running-operation did not answer within 1s (the server\'s "timeout" in the MCP configuration)',
    );
  });
});
