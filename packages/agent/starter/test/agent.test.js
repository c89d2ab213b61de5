// `npm test`: the agent against a real Temporal dev server and the offline demo model.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TemporalDevServer } from 'durable-agent';
import { ask, createAgent } from '../src/agent.js';
import { savedNotes } from '../src/tools.js';
import { startWorker } from '../src/worker.js';

let temporal;
let worker;
let agent;

before(async () => {
  delete process.env.OPENAI_BASE_URL; // the offline demo model: deterministic answers
  temporal = await TemporalDevServer.start({ port: 0, headless: true }); // in memory, gone after the test
  worker = await startWorker({ address: temporal.address });
  agent = await createAgent({ address: temporal.address });
});

after(async () => {
  await agent?.close();
  await worker?.close();
  await temporal?.stop();
});

test('saves a note once it is approved', async () => {
  const asked = [];
  const result = await ask(
    agent,
    'call saveNote with {"text": "buy milk"}',
    (toolName, args) => {
      asked.push(`${toolName} ${args}`);
      return true;
    },
    () => undefined,
  );
  assert.equal(result.status, 'completed');
  assert.deepEqual(asked, ['saveNote {"text":"buy milk"}']);
  assert.deepEqual(savedNotes, ['buy milk']);
});

test('does not save a note that is refused', async () => {
  const before = savedNotes.length;
  const result = await ask(
    agent,
    'call saveNote with {"text": "never"}',
    () => false,
    () => undefined,
  );
  assert.equal(result.status, 'completed');
  assert.equal(savedNotes.length, before);
});
