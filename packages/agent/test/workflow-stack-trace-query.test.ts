import { afterEach, expect, it } from 'vitest';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { isApprovalRequest, readUntil } from './support/collect-events';
import { ASK_EMAIL, sendEmail } from './support/send-email-tool';
import { connectClient } from './support/temporal-connection';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

// The worker's workflow threads keep no promise stack traces (src/worker/workflow-threads.ts): recording
// one per promise cost ~40 % of every workflow task. Temporal's stack-trace query answers, with nothing.
it('answers Temporal’s stack-trace query of a waiting run with no stacks', async () => {
  fixture = await createAgentFixture({ tools: [sendEmail] });
  const run = await fixture.agent.stream(ASK_EMAIL);
  await readUntil(run.events(), [], isApprovalRequest);
  const { client, connection } = await connectClient();
  try {
    const stackTrace = await client.workflow.getHandle(run.id).query('__stack_trace');
    expect(stackTrace).toBe('');
  } finally {
    await connection.close();
  }
  await run.cancel();
});
