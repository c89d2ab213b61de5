import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../src/common/events';
import { fillerCharacters } from '../src/llm/demo-model/filler-text';
import { reduceRunEvents } from '../src/runs/apply-run-event';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { temporalAddress } from './support/temporal-connection';

const FIVE_MEGABYTES = 5 * 1024 * 1024;

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** The bytes of a workflow's history. */
async function historyBytes(workflowId: string): Promise<number> {
  const connection = await Connection.connect({
    address: temporalAddress(),
    channelArgs: { 'grpc.max_receive_message_length': 64 * 1024 * 1024 },
  });
  try {
    let bytes = 0;
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await connection.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId },
        nextPageToken,
      });
      for (const event of page.history?.events ?? [])
        bytes += temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    return bytes;
  } finally {
    await connection.close();
  }
}

function answerOf(events: readonly AgentEvent[]): string {
  return reduceRunEvents(events).messages.at(-1)?.text ?? '';
}

describe('a run with a 5 MB answer', () => {
  it('completes, its history holds the answer once, and it is re-read from seq 0 and exported', async () => {
    fixture = await createAgentFixture();
    const expected = fillerCharacters(FIVE_MEGABYTES);
    const run = await fixture.agent.stream('reply with 5 megabytes');
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.text.length).toBe(expected.length);
    expect(result.text === expected).toBe(true);
    expect(result.messages).toEqual([{ role: 'assistant', content: expected }]);
    expect(result.textsInEvents).toBeUndefined();

    // Once: the batches carry it base64-encoded (4/3); a second copy would pass 2.6 times its size.
    const bytes = await historyBytes(run.id);
    expect(bytes).toBeGreaterThan(expected.length);
    expect(bytes).toBeLessThan(expected.length * 1.5);

    const attached = await fixture.agent.attach(run.id);
    const events: AgentEvent[] = [];
    for await (const event of attached.events({ fromSeq: 0, live: false })) events.push(event);
    expect(events[0]?.type).toBe('RUN_STARTED');
    expect(events.at(-1)?.type).toBe('RUN_FINISHED');
    expect(answerOf(events) === expected).toBe(true);

    const exported = await fixture.agent.exportRun(run.id);
    expect(exported.status).toBe('completed');
    expect(answerOf(exported.events as AgentEvent[]) === expected).toBe(true);
  }, 240_000);
});
