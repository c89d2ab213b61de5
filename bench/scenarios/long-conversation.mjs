import { Agent, InMemoryConversationStore } from 'durable-agent';
import { historyStats } from '../support/history-stats.mjs';
import { round } from '../support/stats.mjs';
import { streamLibrary } from '../support/streams.mjs';
import { startWorker } from '../support/worker-process.mjs';

const TURN_CHARACTERS = 10_000;
const ANSWER = 'reply with 200 tokens';
const TOOL_ROUND = 'call tool calculator with {"expression": "6 * 7"}';

/** Earlier turns totalling about `bytes` of text: user and assistant messages of 10 kB each. */
function conversationOf(bytes) {
  const messages = [];
  for (let index = 0; index * TURN_CHARACTERS < bytes; index++) {
    const text = `Turn ${index}: ${'lorem ipsum dolor sit amet '.repeat(TURN_CHARACTERS / 27)}`.slice(
      0,
      TURN_CHARACTERS,
    );
    messages.push({ role: index % 2 === 0 ? 'user' : 'assistant', content: text });
  }
  return messages;
}

/**
 * Runs (a plain answer, and a tool round = two model rounds) at the end of conversations of growing size:
 * does the run answer, and how large is its history?
 */
export async function measureLongConversations(environment, sizes = [0, 500_000, 1_000_000, 2_000_000]) {
  const taskQueue = `bench-long-${Date.now()}`;
  const worker = await startWorker({
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: environment.model.baseURL,
  });
  const conversations = new InMemoryConversationStore();
  const agent = await Agent.create({
    name: 'bench',
    taskQueue,
    temporal: { address: environment.address },
    ...environment.agentOptions,
    conversations,
  });
  const rows = [];
  try {
    for (const size of sizes) {
      for (const [kind, prompt] of [
        ['answer', ANSWER],
        ['tool round', TOOL_ROUND],
      ]) {
        const conversationId = `long-${size}-${kind.replace(' ', '-')}-${Date.now()}`;
        await conversations.appendRun(conversationId, `seed-${conversationId}`, conversationOf(size));
        const row = { conversationBytes: size, kind };
        try {
          const result = await streamLibrary(agent, prompt, { conversationId });
          const history = await historyStats(environment.client, result.id);
          Object.assign(row, {
            status: result.status,
            exactText: result.textMatchesResult,
            totalMs: round(result.totalMs),
            historyEvents: history.events,
            historyBytes: history.bytes,
            historyBytesBeyondInput: history.bytes - (history.bytesByType.workflow_execution_started ?? 0),
          });
        } catch (error) {
          row.status = 'refused';
          row.error = String(error.message ?? error).slice(0, 160);
        }
        rows.push(row);
      }
    }
    return rows;
  } finally {
    await agent.close();
    await worker.stop();
  }
}
