import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from '../cli/support/cli-process';
import { Scenario } from '../cli/support/scenario';
import { type ServeProcess, startServe } from './support/serve-process';
import { postAndRead, postJson } from './support/sse-frames';
import { userMessage } from './support/stock-client';

const TOKEN = 'test-secret-token';
const ORIGIN = 'http://app.example.test';
const auth = { Authorization: `Bearer ${TOKEN}` };

let scenario: Scenario;
let serve: ServeProcess;

beforeAll(async () => {
  assertLibraryBuilt();
  scenario = await Scenario.create({ pace: 40 });
  await scenario.startWorker();
  serve = await startServe(scenario, ['--token', TOKEN, '--cors-origin', ORIGIN]);
});
afterAll(() => scenario?.close());

function input(overrides: Record<string, unknown> = {}) {
  return {
    threadId: randomUUID(),
    runId: randomUUID(),
    messages: [userMessage('u1', 'hello')],
    ...overrides,
  };
}

describe('durable-agent serve: bad requests get a clear JSON error and start nothing', () => {
  it('malformed JSON: 400 malformed-json', async () => {
    const answer = await postJson(serve.url, '{"threadId": "t",', auth);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { code: 'malformed-json', message: expect.stringContaining('not valid JSON') },
    });
  });

  it('a body that is not RunAgentInput: 400 naming the field', async () => {
    const missing = await postJson(serve.url, { threadId: 't', messages: [] }, auth);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      error: { code: 'invalid-input', message: expect.stringContaining('runId') },
    });
    const wrongRole = await postJson(
      serve.url,
      input({ messages: [{ id: 'm', role: 'wizard', content: 'x' }] }),
      auth,
    );
    expect(wrongRole.body).toMatchObject({ error: { message: expect.stringContaining('messages.0.role') } });
    const badId = await postJson(serve.url, input({ threadId: 'a/b' }), auth);
    expect(badId.body).toMatchObject({
      error: { code: 'invalid-input', message: expect.stringContaining('threadId') },
    });
  });

  it('no user message: 400 no-user-message', async () => {
    const answer = await postJson(serve.url, input({ messages: [] }), auth);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'no-user-message' } });
  });

  it('a body over the size limit: 413', async () => {
    const answer = await postJson(
      serve.url,
      input({ messages: [userMessage('u1', 'x'.repeat(1_100_000))] }),
      auth,
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: { code: 'body-too-large' } });
  });

  it('a missing or wrong token: 401 with WWW-Authenticate', async () => {
    const missing = await postJson(serve.url, input());
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(missing.body).toMatchObject({ error: { code: 'unauthorized' } });
    const wrong = await postJson(serve.url, input(), { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      error: { code: 'unauthorized', message: 'the bearer token is wrong' },
    });
  });

  it('an unknown run to cancel or interrupt to resume: 404', async () => {
    const cancel = await postJson(`${serve.url}/runs/no-such-run/cancel?threadId=nothing`, '', auth);
    expect(cancel.status).toBe(404);
    expect(cancel.body).toMatchObject({ error: { code: 'run-not-found' } });
    const resume = await postJson(
      serve.url,
      input({ messages: [], resume: [{ interruptId: 'no-such-run/call_1', status: 'resolved' }] }),
      auth,
    );
    expect(resume.status).toBe(404);
    expect(resume.body).toMatchObject({ error: { code: 'interrupt-not-found' } });
  });

  it('none of the refused requests reached the model', () => {
    expect(scenario.model.requestCount).toBe(0);
  });
});

describe('durable-agent serve: browsers and stopping', () => {
  it('answers a CORS preflight for the allowed origin only', async () => {
    const allowed = await fetch(serve.url, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Last-Event-ID');
    const other = await fetch(serve.url, { method: 'OPTIONS', headers: { Origin: 'http://evil.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const streamed = await postAndRead(serve.url, { body: input(), headers: { ...auth, Origin: ORIGIN } });
    expect(streamed.frames.at(-1)?.event.type).toBe('RUN_FINISHED');
  });

  it('POST /agent/runs/<runId>/cancel stops a run: its stream ends with the cancelled outcome', async () => {
    const body = input({
      messages: [userMessage('u1', 'Write a detailed day-by-day travel plan for Japan.')],
    });
    const reading = postAndRead(serve.url, { body, headers: auth });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const cancel = await postJson(`${serve.url}/runs/${body.runId}/cancel`, '', auth);
    expect(cancel.status).toBe(202);
    expect(cancel.body).toEqual({ runId: body.runId, threadId: body.threadId, status: 'cancelling' });
    const { frames } = await reading;
    expect(frames.at(-1)?.event).toMatchObject({ type: 'RUN_FINISHED', outcome: { type: 'cancelled' } });
  });

  it('refuses to listen on a non-loopback address without a token', async () => {
    const refused = scenario.spawn('serve public', ['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(await refused.waitForExit()).toEqual({ code: 2, signal: null });
    expect(refused.output).toContain('Refusing to listen on 0.0.0.0 without a token');
  });
});
