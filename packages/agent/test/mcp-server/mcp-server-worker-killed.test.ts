import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fillerText } from '../../src/llm/demo-model/filler-text';
import { assertLibraryBuilt } from '../cli/support/cli-process';
import { scenarioRegistry } from '../cli/support/scenario';
import { askAsTask, connectStdio, pollTask, taskResult, textOf } from './support/mcp-clients';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent mcp-server when the worker is killed', () => {
  it('kill -9 of the worker mid-task: another worker finishes it, and tasks/result has the answer once', async () => {
    const scenario = await scenarios.create({ pace: 20 });
    const first = await scenario.startWorker();
    const { client } = await connectStdio(scenario, ['--heartbeat-timeout', '3s']);
    try {
      const task = await askAsTask(client, 'reply with 100 tokens');
      await first.waitFor(/model call started/, { timeoutMs: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 1000)); // some text written by the first worker
      await first.kill();
      const second = await scenario.startWorker();

      const { seen } = await pollTask(client, task.taskId, 'completed', 90_000);
      expect(seen).toEqual(['working', 'completed']);
      await second.waitFor(/model call, attempt 2, started/, { timeoutMs: 5_000 });
      expect(textOf(await taskResult(client, task.taskId))).toBe(fillerText(100));
      const stored = await scenario.storedConversation(task.taskId.split('/')[1]!);
      expect(stored.filter((message) => message.role === 'assistant')).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});
