import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';

const SERVER = path.join(__dirname, 'fixtures', 'mcp-sizes-server.cjs');

let fixture: AgentFixture | undefined;
let folder: string | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A worker with the sizes server; every call it receives is a line of the returned file. */
async function withSizesServer(): Promise<{ fixture: AgentFixture; calls: () => string[] }> {
  folder = mkdtempSync(path.join(os.tmpdir(), 'result-size-limits-'));
  const callsFile = path.join(folder, 'calls.txt');
  fixture = await createAgentFixture({
    worker: {
      mcpServers: {
        sizes: { command: process.execPath, args: [SERVER], env: { CALLS_FILE: callsFile } },
      },
    },
    agent: { approvalPolicy: 'auto' },
  });
  const calls = () => {
    try {
      return readFileSync(callsFile, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  return { fixture, calls };
}

function toolMessages(result: { messages: readonly { role: string; content: string }[] }): string[] {
  return result.messages.filter((message) => message.role === 'tool').map((message) => message.content);
}

describe('tool results over a limit', () => {
  it('a 3 MB MCP result reaches the model as a clear tool error and the run completes', async () => {
    const { fixture, calls } = await withSizesServer();
    const result = await fixture.agent.run('call sizes_blob with {"megabytes":3}');
    expect(result.status).toBe('completed');
    expect(toolMessages(result)).toEqual([
      JSON.stringify({
        error:
          "the result of sizes_blob is 3.0 MB, more than the 0.5 MB a tool result may be (a run's history keeps every result, and Temporal refuses payloads over 2 MB): ask for less",
      }),
    ]);
    expect(result.text).toContain('The tool failed: the result of sizes_blob is 3.0 MB');
    expect(calls()).toEqual(['blob']);
  });

  it('a 12 MB MCP result (over the MCP SDK’s 10 MB read buffer) is a size error after one execution', async () => {
    const { fixture, calls } = await withSizesServer();
    const result = await fixture.agent.run('call sizes_blob with {"megabytes":12}');
    expect(result.status).toBe('completed');
    expect(toolMessages(result)[0]).toContain(
      "the result of sizes.blob is larger than the 10 MB an MCP message may be here (the MCP SDK's read buffer): the server was restarted, and the tool is not called again",
    );
    expect(calls()).toEqual(['blob']);
  }, 60_000);

  it('a tool that may have side effects is not called again when its server dies during the call', async () => {
    const { fixture, calls } = await withSizesServer();
    const result = await fixture.agent.run('call sizes_append-and-die with {}');
    expect(result.status).toBe('completed');
    expect(toolMessages(result)[0]).toContain(
      'not called again: sizes_append-and-die may have side effects (its server marks it neither idempotentHint nor readOnlyHint)',
    );
    expect(calls()).toEqual(['append-and-die']);
  }, 60_000);
});

describe('an answer longer than a run can keep', () => {
  it('stops the model call at 8,000,000 characters and fails the run once, saying why', async () => {
    fixture = await createAgentFixture();
    const started = Date.now();
    const result = await fixture.agent.run('reply with 8.5 megabytes');
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(
      "the model's answer passed 8,000,000 characters, more than a run can keep (Temporal warns past a 10 MB history and fails one past 50 MB): the model call was stopped — ask for a shorter answer",
    );
    expect(fixture.model.requestCount).toBe(1);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 150_000);
});
