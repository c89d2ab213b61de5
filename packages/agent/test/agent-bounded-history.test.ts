import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEventsMemo } from '../src/common/history-events-memo';
import { EVENTS_MEMO } from '../src/common/names';
import { answerText, reduceRunEvents } from '../src/runs';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import { temporalAddress } from './support/temporal-connection';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('bounded history', () => {
  it('batches a 2,000-token reply into a bounded number of history events and stream items', async () => {
    fixture = await createAgentFixture({ pace: 400 });
    const run = await fixture.agent.stream('reply with 2000 tokens');
    const events = await collectEvents(run.events());
    const result = await run.result();
    expect(result.usage.completionTokens).toBe(2000);

    // The log's own content events (live text read from the worker between batches is not in history).
    const contentEvents = events.filter((event) => event.type === 'TEXT_MESSAGE_CONTENT' && !event.live);
    // 2,000 tokens in about 5 s, batched every 200 ms: a few dozen content events, not 2,000.
    expect(contentEvents.length).toBeLessThan(100);
    const connection = await Connection.connect({ address: temporalAddress() });
    try {
      const history = await new Client({ connection }).workflow.getHandle(run.id).fetchHistory();
      expect(history.events?.length ?? 0).toBeLessThan(400);
    } finally {
      await connection.close();
    }
  });

  it('records no patch marker and no search-attribute upsert in a run of the current format', async () => {
    fixture = await createAgentFixture();
    const run = await fixture.agent.stream('Hello!');
    const events = await collectEvents(run.events());
    expect(events[0]?.type).toBe('RUN_STARTED');
    expect((await run.result()).status).toBe('completed');
    const connection = await Connection.connect({ address: temporalAddress() });
    try {
      const history = await new Client({ connection }).workflow.getHandle(run.id).fetchHistory();
      const types = (history.events ?? []).map(
        (event) => temporal.api.enums.v1.EventType[event.eventType ?? 0],
      );
      expect(types).toContain('EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED');
      // The one marker is the local activity that reserves the call's live address (no `core_patch`).
      const markers = (history.events ?? []).flatMap(
        (event) => event.markerRecordedEventAttributes?.markerName ?? [],
      );
      expect(markers).toEqual(['core_local_activity']);
      expect(types).not.toContain('EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES');
    } finally {
      await connection.close();
    }
  });

  it('publishes a fresh model call’s start with the workflow task that schedules it, not by a signal', async () => {
    fixture = await createAgentFixture();
    const run = await fixture.agent.stream('Hello!');
    const events = await collectEvents(run.events());
    const start = events.find((event) => event.type === 'TEXT_MESSAGE_START');
    expect(start?.type === 'TEXT_MESSAGE_START' && start.liveText?.url).toMatch(/^http:\/\//);
    expect((await run.result()).status).toBe('completed');
    const connection = await Connection.connect({ address: temporalAddress() });
    try {
      const history = await new Client({ connection }).workflow.getHandle(run.id).fetchHistory();
      const scheduled = (history.events ?? []).find((event) => event.activityTaskScheduledEventAttributes);
      const startRecordedBy = (history.events ?? []).flatMap((event) => {
        const attributes = event.workflowPropertiesModifiedEventAttributes;
        const memo = attributes?.upsertedMemo?.fields?.[EVENTS_MEMO];
        if (!memo) return [];
        const { events: recorded } = defaultPayloadConverter.fromPayload<HistoryEventsMemo>(memo);
        return recorded.some((event) => event.type === 'TEXT_MESSAGE_START')
          ? [Number(attributes?.workflowTaskCompletedEventId)]
          : [];
      });
      const schedulingTask = Number(
        scheduled?.activityTaskScheduledEventAttributes?.workflowTaskCompletedEventId,
      );
      expect(startRecordedBy).toEqual([schedulingTask]);
    } finally {
      await connection.close();
    }
  });

  it('keeps a very long run within Temporal limits: a late reader reads all of it from history', async () => {
    fixture = await createAgentFixture({ pace: 0 });
    const run = await fixture.agent.stream('reply with 80000 tokens');
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.usage.completionTokens).toBe(80000);
    const late = await collectEvents((await fixture.agent.attach(run.id)).events());
    expect(late.map((event) => event.seq)).toEqual(late.map((_, index) => index));
    const last = late.at(-1);
    expect(last?.type).toBe('RUN_FINISHED');
    // A long answer (504,000 characters) is held once, by its text events: RUN_FINISHED does not repeat it.
    expect(result.text.length).toBeGreaterThan(500_000);
    expect(last?.type === 'RUN_FINISHED' && (last.result as { text: string }).text).toBe('');
    expect(answerText(reduceRunEvents(late))).toBe(result.text);
  });
});
