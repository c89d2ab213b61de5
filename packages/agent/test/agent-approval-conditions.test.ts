import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { buildConversationExport } from '../src/export/build-conversation-export';
import { conversationMarkdown } from '../src/export/conversation-markdown';
import { reduceRunEvents } from '../src/runs';
import { defineTool } from '../src/tools/define-tool';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents, isApprovalRequest, readUntil } from './support/collect-events';
import { temporalAddress } from './support/temporal-connection';
import { WorkerProcess } from './support/worker-process';

/** Needs approval for mail leaving the company, with the reason; internal mail goes out at once. */
const sendEmail = defineTool({
  name: 'sendEmail',
  description: 'Send an email',
  parameters: z.object({ to: z.string() }),
  requiresApproval: ({ to }) => (to.endsWith('@example.com') ? false : `${to} is outside example.com`),
  execute: ({ to }) => `sent to ${to}`,
});

const emailTo = (to: string) => `call tool sendEmail with {"to":"${to}"}`;

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('approvals with conditions and a record', () => {
  it('runs a call the tool’s function lets through without asking', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail] });
    const run = await fixture.agent.stream(emailTo('ada@example.com'));
    const events = await collectEvents(run.events());
    expect(events.some(isApprovalRequest)).toBe(false);
    const result = await run.result();
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(
      'sent to ada@example.com',
    );
  });

  it('asks with the function’s reason, and records who decided and when', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail] });
    const run = await fixture.agent.stream(emailTo('bob@elsewhere.org'));
    const events = run.events();
    const seen: AgentEvent[] = [];
    await readUntil(events, seen, isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    expect(pending?.reason).toBe('bob@elsewhere.org is outside example.com');

    const before = Date.now();
    await run.approve(pending!.toolCallId, { approved: true }, { identity: 'alice@laptop' });
    seen.push(...(await collectEvents(events)));
    const result = await run.result();
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(
      'sent to bob@elsewhere.org',
    );

    const view = reduceRunEvents(seen);
    const requested = view.milestones.find((milestone) => milestone.kind === 'approval-requested');
    expect(requested?.kind === 'approval-requested' && requested.approval.reason).toBe(
      'bob@elsewhere.org is outside example.com',
    );
    const resolved = view.milestones.find((milestone) => milestone.kind === 'approval-resolved');
    expect(resolved).toMatchObject({ approved: true, decidedBy: 'user', decider: 'alice@laptop' });
    const decidedAt =
      resolved?.kind === 'approval-resolved' ? Date.parse(resolved.decidedAt ?? '') : Number.NaN;
    expect(decidedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(decidedAt).toBeLessThanOrEqual(Date.now());

    // The export carries the record: its events are the run's events.
    const exported = await fixture.agent.exportRun(run.id);
    const record = exported.events.map(asControlEvent).find((event) => event?.name === 'approval-resolved');
    const document = buildConversationExport(
      { id: run.conversationId, title: 'mail' },
      [{ role: 'user', content: emailTo('bob@elsewhere.org') }, ...result.messages],
      [exported],
    );
    expect(conversationMarkdown(document)).toContain(
      '- approval of `sendEmail` (asked because: bob@elsewhere.org is outside example.com): approved by alice@laptop at ',
    );
    expect(record?.value).toMatchObject({
      decider: 'alice@laptop',
      decidedAt: resolved?.kind === 'approval-resolved' ? resolved.decidedAt : '',
    });
  });

  it('uses the client’s Temporal identity when the answer names none', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail], agent: { identity: 'desk-7' } });
    const run = await fixture.agent.stream(emailTo('eve@elsewhere.org'));
    await readUntil(run.events(), [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    await run.approve(pending!.toolCallId, { approved: false, reason: 'no' });
    const view = reduceRunEvents(await collectEvents(run.events()));
    expect(view.milestones.find((milestone) => milestone.kind === 'approval-resolved')).toMatchObject({
      approved: false,
      decider: 'desk-7',
    });
  });

  it('remembers "always allow" for the rest of the run and, passed on, for the conversation', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail] });
    const first = await fixture.agent.stream(emailTo('bob@elsewhere.org'));
    await readUntil(first.events(), [], isApprovalRequest);
    const [pending] = await first.pendingApprovals();
    await first.approve(pending!.toolCallId, { approved: true, alwaysAllow: true });
    const result = await first.result();
    expect(result.alwaysAllowedTools).toEqual(['sendEmail']);
    const view = reduceRunEvents(await collectEvents(first.events()));
    expect(view.milestones.find((milestone) => milestone.kind === 'approval-resolved')).toMatchObject({
      alwaysAllow: true,
    });

    const second = await fixture.agent.stream(emailTo('carol@elsewhere.org'), {
      conversationId: first.conversationId,
      alwaysAllowedTools: result.alwaysAllowedTools,
    });
    const events = await collectEvents(second.events());
    expect(events.some(isApprovalRequest)).toBe(false);
    expect((await second.result()).messages.find((message) => message.role === 'tool')?.content).toBe(
      'sent to carol@elsewhere.org',
    );
  });
});

describe('a conditional approval through kill -9', () => {
  const processes: WorkerProcess[] = [];
  afterEach(async () => {
    for (const worker of processes.splice(0)) await worker.kill().catch(() => undefined);
  });
  const startWorker = async () => {
    const worker = await WorkerProcess.start(fixture!.taskQueue, fixture!.model.baseURL, temporalAddress(), {
      AGENT_CONDITIONAL_EMAIL: '1',
    });
    processes.push(worker);
    return worker;
  };

  it('keeps the request and its reason when the worker and the client die, and records the new client’s answer', async () => {
    fixture = await createAgentFixture({ worker: false, agent: { heartbeatTimeout: '2s' } });
    const worker = await startWorker();
    const first = await fixture.createAgent();
    const run = await first.stream(emailTo('bob@elsewhere.org'));
    await readUntil(run.events(), [], isApprovalRequest);
    await worker.kill();
    await first.close();

    await startWorker();
    const second = await fixture.createAgent({ identity: 'approver on another machine' });
    const attached = await second.attach(run.id);
    const [pending] = await attached.pendingApprovals();
    expect(pending?.reason).toBe('bob@elsewhere.org is outside example.com');
    await attached.approve(pending!.toolCallId, { approved: true });
    const result = await attached.result();
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(
      'sent to bob@elsewhere.org',
    );
    const view = reduceRunEvents(await collectEvents(attached.events()));
    expect(view.milestones.find((milestone) => milestone.kind === 'approval-resolved')).toMatchObject({
      approved: true,
      decider: 'approver on another machine',
    });
  });
});

describe('a requiresApproval function that throws', () => {
  it('asks for approval, saying why it could not decide', async () => {
    const fragile = defineTool({
      name: 'fragile',
      description: 'A tool whose approval rule throws',
      parameters: z.object({ to: z.string() }),
      requiresApproval: () => {
        throw new Error('the rule is broken');
      },
      execute: () => 'done',
    });
    fixture = await createAgentFixture({ tools: [fragile] });
    const run = await fixture.agent.stream('call tool fragile with {"to":"x"}');
    await readUntil(run.events(), [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    expect(pending?.reason).toBe('could not decide whether the call needs approval: the rule is broken');
    await run.cancel();
  });
});
