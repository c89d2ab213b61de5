import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import type { ApprovalPolicy } from '../src/common/types';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents, isApprovalRequest, readUntil } from './support/collect-events';
import { everythingServer, filesystemServer } from './support/mcp-test-servers';

let fixture: AgentFixture | undefined;
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'mcp-files-'));
});
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  rmSync(folder, { recursive: true, force: true });
});

const approvalsAsked = (events: readonly AgentEvent[]) => events.filter(isApprovalRequest).length;

async function filesFixture(approvalPolicy?: ApprovalPolicy): Promise<AgentFixture> {
  return createAgentFixture({
    worker: { mcpServers: { files: filesystemServer(folder), everything: everythingServer() } },
    agent: approvalPolicy ? { approvalPolicy } : {},
  });
}

describe('MCP tools and approvals', () => {
  it('reads a file with server-filesystem without asking: the server marks read_file read-only', async () => {
    writeFileSync(path.join(folder, 'notes.txt'), 'buy milk');
    fixture = await filesFixture();
    const run = await fixture.agent.stream(
      `call files_read_text_file with ${JSON.stringify({ path: path.join(folder, 'notes.txt') })}`,
    );
    const events = await collectEvents(run.events());
    const result = await run.result();
    expect(approvalsAsked(events)).toBe(0);
    expect(result.text).toBe('The files_read_text_file tool returned: buy milk');
  });

  it('asks before write_file (destructive) and the file exists only after the approval', async () => {
    fixture = await filesFixture();
    const target = path.join(folder, 'hello.txt');
    const run = await fixture.agent.stream(
      `call files_write_file with ${JSON.stringify({ path: target, content: 'written by MCP' })}`,
    );
    const events = run.events();
    const request = asControlEvent(await readUntil(events, [], isApprovalRequest));
    expect(request?.name === 'approval-request' && request.value.toolName).toBe('files_write_file');
    expect(existsSync(target)).toBe(false);

    const [pending] = await run.pendingApprovals();
    await run.approve(pending!.toolCallId, { approved: true });
    await collectEvents(events);
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(readFileSync(target, 'utf8')).toBe('written by MCP');
    expect(result.text).toContain('Successfully wrote to');
  });

  it('writes nothing when the write is rejected', async () => {
    fixture = await filesFixture();
    const target = path.join(folder, 'never.txt');
    const run = await fixture.agent.stream(
      `call files_write_file with ${JSON.stringify({ path: target, content: 'no' })}`,
    );
    await readUntil(run.events(), [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    await run.approve(pending!.toolCallId, { approved: false, reason: 'not in this folder' });
    const result = await run.result();
    expect(result.text).toBe('The tool call was rejected: not in this folder');
    expect(existsSync(target)).toBe(false);
  });

  it('passes the server’s own error (isError) to the model as a tool error, without retrying', async () => {
    fixture = await filesFixture();
    const result = await fixture.agent.run('call files_read_text_file with {"path":"/etc/hostname"}');
    expect(result.status).toBe('completed');
    expect(result.text).toMatch(/^The tool failed: .*Access denied/);
  });

  it('lets the user’s policy win: require-all asks even for a read-only tool', async () => {
    fixture = await filesFixture('require-all');
    const run = await fixture.agent.stream('call everything_echo with {"message":"ask me"}');
    await readUntil(run.events(), [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    expect(pending?.toolName).toBe('everything_echo');
    await run.approve(pending!.toolCallId, { approved: true });
    expect((await run.result()).text).toBe('The everything_echo tool returned: Echo: ask me');
  });

  it('lets the user’s policy win: auto runs a destructive tool without asking', async () => {
    fixture = await filesFixture('auto');
    const target = path.join(folder, 'auto.txt');
    const run = await fixture.agent.stream(
      `call files_write_file with ${JSON.stringify({ path: target, content: 'auto' })}`,
    );
    const events = await collectEvents(run.events());
    expect(approvalsAsked(events)).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('auto');
  });
});
