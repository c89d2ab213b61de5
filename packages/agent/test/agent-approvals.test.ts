import { afterEach, describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { calculator } from '../src/tools/calculator';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents, isApprovalRequest, readUntil } from './support/collect-events';
import { ASK_EMAIL, sendEmail } from './support/send-email-tool';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('approvals', () => {
  it('waits durably for an approval, lists it as pending, and runs the tool once approved', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail] });
    const run = await fixture.agent.stream(ASK_EMAIL);
    const events = run.events();
    const request = asControlEvent(await readUntil(events, [], isApprovalRequest));
    expect(request?.name === 'approval-request' && request.value.toolName).toBe('sendEmail');
    const pending = await run.pendingApprovals();
    expect(pending.map((approval) => approval.toolName)).toEqual(['sendEmail']);

    await run.approve(pending[0]!.toolCallId, { approved: true });
    const rest = await collectEvents(events);
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(
      rest.map(asControlEvent).find((event) => event?.name === 'approval-resolved')?.value,
    ).toMatchObject({ approved: true, decidedBy: 'user' });
    const toolMessage = result.messages.find((message) => message.role === 'tool');
    expect(toolMessage?.content).toBe('sent to ada@example.com');
    expect(await run.pendingApprovals()).toEqual([]);
  });

  it('gives a rejection and its reason back to the model instead of running the tool', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail] });
    const run = await fixture.agent.stream(ASK_EMAIL);
    await readUntil(run.events(), [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    await run.approve(pending!.toolCallId, { approved: false, reason: 'not today' });
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(
      'The tool call was rejected: not today',
    );
    expect(result.text).toContain('rejected');
  });

  it('rejects with a reason when nobody answers in time, and the run goes on', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail], agent: { approvalTimeout: '1s' } });
    const result = await fixture.agent.run(ASK_EMAIL);
    expect(result.status).toBe('completed');
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(
      'The tool call was rejected: no answer within 1s',
    );
  });

  it('refuses to answer an approval that is not pending', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail] });
    const run = await fixture.agent.stream(ASK_EMAIL);
    await readUntil(run.events(), [], isApprovalRequest);
    await expect(run.approve('call-unknown', { approved: true })).rejects.toThrow(
      /no approval is waiting for tool call "call-unknown"/,
    );
    await run.cancel();
  });

  it('gives an answer that reaches the run together with its expiry to the run, and says so to the caller and in the events', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail], agent: { approvalTimeout: '2s' } });
    const run = await fixture.agent.stream(ASK_EMAIL);
    const events = run.events();
    await readUntil(events, [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    // With no worker, the expiry and the answer reach the workflow in the same task: the race, made certain.
    await fixture.stopWorkers();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const answer = run.approve(pending!.toolCallId, { approved: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await fixture.startWorker();
    await expect(answer).resolves.toBeUndefined();
    const rest = await collectEvents(events);
    const resolved = rest.map(asControlEvent).find((event) => event?.name === 'approval-resolved');
    expect(resolved?.value).toMatchObject({ approved: true, decidedBy: 'user' });
    const result = await run.result();
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(
      'sent to ada@example.com',
    );
  });

  it('tells the caller an approval had already expired when the answer comes after its timeout, as the run events say', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail], agent: { approvalTimeout: '1s' } });
    const run = await fixture.agent.stream(ASK_EMAIL);
    const events = run.events();
    const seen: AgentEvent[] = [];
    await readUntil(events, seen, isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    fixture.model.setPace(4); // the run's next answer takes seconds: the run is still open below
    const resolved = asControlEvent(
      await readUntil(events, seen, (event) => asControlEvent(event)?.name === 'approval-resolved'),
    );
    expect(resolved?.value).toMatchObject({ approved: false, decidedBy: 'timeout' });

    await expect(run.approve(pending!.toolCallId, { approved: true })).rejects.toThrow(
      `the approval of tool call "${pending!.toolCallId}" had already expired (no answer within 1s): the tool call was rejected`,
    );
    const result = await run.result();
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(
      'The tool call was rejected: no answer within 1s',
    );
  });

  it('refuses a second answer to an approval, saying how it was answered', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail] });
    const run = await fixture.agent.stream(ASK_EMAIL);
    await readUntil(run.events(), [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    fixture.model.setPace(4);
    await run.approve(pending!.toolCallId, { approved: false, reason: 'no' });
    await expect(run.approve(pending!.toolCallId, { approved: true })).rejects.toThrow(
      `the approval of tool call "${pending!.toolCallId}" was already answered (rejected)`,
    );
    expect((await run.result()).status).toBe('completed');
  });

  it('refuses an answer once the run has finished', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail], agent: { approvalTimeout: '1s' } });
    const run = await fixture.agent.stream(ASK_EMAIL);
    const request = asControlEvent(await readUntil(run.events(), [], isApprovalRequest));
    const toolCallId = request?.name === 'approval-request' ? request.value.toolCallId : '';
    expect((await run.result()).status).toBe('completed');
    await expect(run.approve(toolCallId, { approved: true })).rejects.toThrow(
      `no approval is waiting for tool call "${toolCallId}": the run has finished`,
    );
  });

  it('asks for every tool under require-all and for none under auto or an allowlist that names the tool', async () => {
    fixture = await createAgentFixture({ tools: [calculator], agent: { approvalPolicy: 'require-all' } });
    const strict = await fixture.agent.stream('What is 2 + 2?');
    await readUntil(strict.events(), [], isApprovalRequest);
    await strict.cancel();

    for (const approvalPolicy of ['auto', { allowlist: ['calculator'] }] as const) {
      const agent = await fixture.createAgent({ approvalPolicy });
      const run = await agent.stream('What is 2 + 2?');
      const events = await collectEvents(run.events());
      expect(events.some(isApprovalRequest)).toBe(false);
      expect((await run.result()).text).toBe('The result is 4.');
    }
  });

  it('survives a worker restart and a new client: the approval is still pending and can be answered', async () => {
    fixture = await createAgentFixture({ tools: [sendEmail] });
    const run = await fixture.agent.stream(ASK_EMAIL);
    await readUntil(run.events(), [], isApprovalRequest);
    await fixture.stopWorkers();
    await fixture.startWorker();
    const otherClient = await fixture.createAgent();
    const attached = await otherClient.attach(run.id);
    const [pending] = await attached.pendingApprovals();
    expect(pending?.toolName).toBe('sendEmail');
    await attached.approve(pending!.toolCallId, { approved: true, reason: 'fine' });
    const result = await attached.result();
    expect(result.messages.find((message) => message.role === 'tool')?.content).toBe(
      'sent to ada@example.com',
    );
  });
});
