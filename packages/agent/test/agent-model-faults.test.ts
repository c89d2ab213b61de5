import { afterEach, describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { FailureType } from '../src/common/names';
import { openAICompatible } from '../src/llm/openai-compatible';
import { answerText, reduceRunEvents } from '../src/runs';
import { MODEL_MAX_ATTEMPTS } from '../src/workflow/run-output';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import { freePort } from './support/free-port';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** The reasons of the run's attempt-reset events, in order. */
function resetReasons(events: readonly AgentEvent[]): string[] {
  return events.flatMap((event) => {
    const control = asControlEvent(event);
    return control?.name === 'attempt-reset' ? [control.value.reason] : [];
  });
}

/** Runs `prompt` to its end; returns its events and result. */
async function runToEnd(prompt: string) {
  const run = await fixture!.agent.stream(prompt);
  const events = await collectEvents(run.events());
  return { events, result: await run.result() };
}

describe('model faults', () => {
  it('retries a stream that ends cleanly without a finish reason or [DONE], never storing the cut answer', async () => {
    fixture = await createAgentFixture();
    fixture.model.injectFault({ kind: 'clean-close', afterTokens: 12 });
    const { events, result } = await runToEnd(TRAVEL_PLAN);

    expect(result.status).toBe('completed');
    expect(result.attempts).toBe(2);
    expect(resetReasons(events)).toEqual([
      'the model stream ended before the answer was complete (no finish reason, no [DONE])',
    ]);
    expect(result.text.match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
    expect(result.text).toContain('Day 7');
    expect(answerText(reduceRunEvents(events))).toBe(result.text);
    expect(result.usageByAttempt.map((entry) => entry.outcome)).toEqual(['failed', 'completed']);
  });

  it('retries a malformed stream and a server error inside the stream, saying why in attempt-reset', async () => {
    fixture = await createAgentFixture();
    fixture.model.injectFault({ kind: 'malformed', afterTokens: 3 });
    fixture.model.injectFault({ kind: 'stream-error', afterTokens: 6 });
    const { events, result } = await runToEnd(TRAVEL_PLAN);

    expect(result.status).toBe('completed');
    expect(result.attempts).toBe(3);
    expect(resetReasons(events)).toEqual([
      'the model sent a stream that could not be read: Error reading response: malformed server-sent event JSON.',
      'the model sent an error inside its stream: The server had an error while processing your request (demo model fault, in the stream). (server_error)',
    ]);
    expect(answerText(reduceRunEvents(events))).toBe(result.text);
    expect(result.text.match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
  });

  it('fails at once on an error inside the stream that no retry can fix, with the model message', async () => {
    fixture = await createAgentFixture();
    fixture.model.injectFault({ kind: 'stream-error', afterTokens: 2, errorType: 'invalid_request_error' });
    const { events, result } = await runToEnd(TRAVEL_PLAN);

    expect(result.status).toBe('failed');
    expect(result.error).toEqual({
      code: FailureType.modelBadRequest,
      message:
        'the model sent an error inside its stream: Invalid prompt: the request was refused mid-stream (demo model fault). (invalid_request_error, invalid_prompt)',
    });
    expect(resetReasons(events)).toEqual([]);
    expect(fixture.model.requestCount).toBe(1);
  });

  it(`gives up after ${MODEL_MAX_ATTEMPTS} attempts on a model that keeps failing, showing the last real cause`, async () => {
    fixture = await createAgentFixture();
    const times = MODEL_MAX_ATTEMPTS;
    fixture.model.injectFault({ kind: 'status', status: 500, match: 'server', times });
    fixture.model.injectFault({ kind: 'clean-close', afterTokens: 2, match: 'cut', times });
    fixture.model.injectFault({ kind: 'malformed', afterTokens: 2, match: 'garbled', times });
    const [server, cut, garbled] = await Promise.all(
      ['server error for good', 'cut for good', 'garbled for good'].map(runToEnd),
    );

    const gaveUp = `gave up after ${MODEL_MAX_ATTEMPTS} attempts — `;
    expect(server!.result.error).toEqual({
      code: FailureType.modelUnavailable,
      message: `${gaveUp}the model answered HTTP 500: The server had an error while processing your request (demo model fault).`,
    });
    expect(cut!.result.error).toEqual({
      code: FailureType.modelBadResponse,
      message: `${gaveUp}the model stream ended before the answer was complete (no finish reason, no [DONE])`,
    });
    expect(garbled!.result.error?.message).toBe(
      `${gaveUp}the model sent a stream that could not be read: Error reading response: malformed server-sent event JSON.`,
    );
    for (const { events, result } of [server!, cut!, garbled!]) {
      expect(result.status).toBe('failed');
      expect(resetReasons(events)).toHaveLength(MODEL_MAX_ATTEMPTS - 1);
      const last = events.at(-1);
      expect(last?.type === 'RUN_ERROR' && last.message).toBe(result.error?.message);
    }
    expect(fixture.model.requestCount).toBe(3 * MODEL_MAX_ATTEMPTS);
  });

  it("waits as long as a 429's Retry-After asks before the next attempt", async () => {
    fixture = await createAgentFixture();
    fixture.model.injectFault({ kind: 'status', status: 429, retryAfter: 3 });
    const startedAt = Date.now();
    const { events, result } = await runToEnd('Hello!');

    expect(result.status).toBe('completed');
    expect(result.attempts).toBe(2);
    // The usual backoff would retry after 0.5 s.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(3000);
    expect(resetReasons(events)).toEqual([
      'the model answered HTTP 429: Rate limit reached (demo model fault). (it asked to retry after 3 s)',
    ]);
  });

  it('names the address when the model cannot be reached, after the capped retries', async () => {
    const baseURL = `http://127.0.0.1:${await freePort()}/v1`;
    fixture = await createAgentFixture({ worker: { model: openAICompatible({ baseURL, model: 'demo' }) } });
    const { events, result } = await runToEnd('Hello!');

    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe(FailureType.modelUnavailable);
    expect(result.error?.message).toMatch(
      new RegExp(
        `^gave up after ${MODEL_MAX_ATTEMPTS} attempts — could not reach the model at ${baseURL.replace(/\./g, '\\.')}: .*ECONNREFUSED`,
      ),
    );
    expect(resetReasons(events)).toHaveLength(MODEL_MAX_ATTEMPTS - 1);
  });

  it("fails at once with the model's message when the prompt is over its context window", async () => {
    fixture = await createAgentFixture({ contextWindow: 50 });
    const { events, result } = await runToEnd(`Summarize: ${'word '.repeat(100)}`);

    expect(result.status).toBe('failed');
    // The prompt alone is over the window: there is nothing older to compact, so no second call.
    expect(result.error?.code).toBe(FailureType.modelContextLengthExceeded);
    expect(result.error?.message).toMatch(
      /^the model answered HTTP 400: This model's maximum context length is 50 tokens\. However, your messages resulted in \d+ tokens\./,
    );
    expect(resetReasons(events)).toEqual([]);
    expect(fixture.model.requestCount).toBe(1);
  });
});
