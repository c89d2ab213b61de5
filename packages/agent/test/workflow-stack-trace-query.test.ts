import { Client, Connection } from '@temporalio/client';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { asControlEvent } from '../src/common/events';
import { defineTool } from '../src/tools/define-tool';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { readUntil } from './support/collect-events';
import { temporalAddress } from './support/temporal-connection';

const sendEmail = defineTool({
  name: 'sendEmail',
  description: 'Send an email',
  parameters: z.object({ to: z.string() }),
  requiresApproval: true,
  execute: ({ to }) => `sent to ${to}`,
});

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

// The worker's workflow threads keep no promise stack traces (src/worker/workflow-threads.ts): recording
// one per promise cost ~40 % of every workflow task. Temporal's stack-trace query answers, with nothing.
it('answers Temporal’s stack-trace query of a waiting run with no stacks', async () => {
  fixture = await createAgentFixture({ tools: [sendEmail] });
  const run = await fixture.agent.stream('call tool sendEmail with {"to":"ada@example.com"}');
  await readUntil(run.events(), [], (event) => asControlEvent(event)?.name === 'approval-request');
  const connection = await Connection.connect({ address: temporalAddress() });
  try {
    const stackTrace = await new Client({ connection }).workflow.getHandle(run.id).query('__stack_trace');
    expect(stackTrace).toBe('');
  } finally {
    await connection.close();
  }
  await run.cancel();
});
