import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fillerText } from '../../src/llm/demo-model/filler-text';
import { assertLibraryBuilt } from '../cli/support/cli-process';
import { scenarioRegistry } from '../cli/support/scenario';
import {
  ASK_TOOL,
  askAsTask,
  CLIENT_INFO,
  connectStdio,
  pollTask,
  taskResult,
  textOf,
} from './support/mcp-clients';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent mcp-server (stdio, the official MCP client)', () => {
  it('lists ask_durable_agent; a plain tools/call returns the demo model’s answer; conversation continues it', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const { client } = await connectStdio(scenario);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([ASK_TOOL]);
      expect(tools[0]?.execution?.taskSupport).toBe('optional');
      expect(client.getServerCapabilities()?.tasks?.requests?.tools?.call).toBeDefined();

      const first = await client.callTool({ name: ASK_TOOL, arguments: { prompt: 'Hello' } });
      expect(first.isError).toBeFalsy();
      expect(textOf(first)).toBe('Hello! How can I help you today?');
      const { conversation, run } = first.structuredContent as { conversation: string; run: string };
      expect(run).toMatch(new RegExp(`^durable-agent/${conversation}/`));

      const next = await client.callTool({
        name: ASK_TOOL,
        arguments: { prompt: 'What was my first question?', conversation },
      });
      expect(textOf(next)).toBe('You first asked: "Hello"');
    } finally {
      await client.close();
    }
  });

  it('a task-augmented call returns a working task at once; tasks/get polls to completed; tasks/result is the answer', async () => {
    const scenario = await scenarios.create({ pace: 40 });
    await scenario.startWorker();
    const { client } = await connectStdio(scenario);
    try {
      const task = await askAsTask(client, 'reply with 60 tokens');
      expect(task.status).toBe('working');
      expect(task.taskId).toMatch(/^durable-agent\/[^/]+\/[^/]+$/);
      const { seen } = await pollTask(client, task.taskId, 'completed');
      expect(seen).toEqual(['working', 'completed']);
      const result = await taskResult(client, task.taskId);
      expect(textOf(result)).toBe(fillerText(60));
    } finally {
      await client.close();
    }
  });

  it('a task outlives the server: kill -9 mcp-server mid-task, a new one answers tasks/get and tasks/result', async () => {
    const scenario = await scenarios.create({ pace: 20 });
    const worker = await scenario.startWorker();
    const first = await connectStdio(scenario);
    const task = await askAsTask(first.client, 'reply with 100 tokens');
    await worker.waitFor(/model call started/, { timeoutMs: 30_000 });
    const pid = first.transport.pid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    await first.client.close().catch(() => undefined);

    const second = await connectStdio(scenario);
    try {
      const during = await second.client.experimental.tasks.getTask(task.taskId);
      expect(['working', 'completed']).toContain(during.status);
      await pollTask(second.client, task.taskId, 'completed');
      expect(textOf(await taskResult(second.client, task.taskId))).toBe(fillerText(100));
      const stored = await scenario.storedConversation(task.taskId.split('/')[1]!);
      expect(stored.map((message) => message.role)).toEqual(['user', 'assistant']);
    } finally {
      await second.client.close();
    }
  });

  it('a run waiting for an approval: a plain call says so; as a task, tasks/get says input_required', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const { client } = await connectStdio(scenario, ['--approval-policy', 'require-all']);
    try {
      const plain = await client.callTool({ name: ASK_TOOL, arguments: { prompt: 'What is 12 * 7?' } });
      expect(plain.isError).toBeFalsy();
      expect(textOf(plain)).toMatch(
        /^The run durable-agent\/\S+ is waiting for a person to approve a tool call: calculator \{"expression":"12 \* 7"\} \(expires /,
      );

      const task = await askAsTask(client, 'What is 12 * 7?');
      const { task: waiting } = await pollTask(client, task.taskId, 'input_required');
      expect(waiting.statusMessage).toBe('waiting for a person to approve calculator');
    } finally {
      await client.close();
    }
  });

  it('a client that supports elicitation is asked about the approval: approved, the plain call gets the answer', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const person = new Client(CLIENT_INFO, { capabilities: { elicitation: { form: {} } } });
    const questions: string[] = [];
    let answer = true;
    person.setRequestHandler(ElicitRequestSchema, (request) => {
      questions.push(request.params.message);
      return { action: 'accept', content: { approve: answer } };
    });
    const { client } = await connectStdio(scenario, ['--approval-policy', 'require-all'], person);
    try {
      const approved = await client.callTool({ name: ASK_TOOL, arguments: { prompt: 'What is 12 * 7?' } });
      expect(textOf(approved)).toBe('The result is 84.');
      expect(questions).toEqual([
        'The agent wants to call calculator with {"expression":"12 * 7"}. Approve it?',
      ]);

      answer = false;
      const rejected = await client.callTool({ name: ASK_TOOL, arguments: { prompt: 'What is 2 + 3?' } });
      expect(questions).toHaveLength(2);
      expect(rejected.isError).toBeFalsy();
      expect(textOf(rejected)).not.toContain('5');
    } finally {
      await client.close();
    }
  });

  it('tasks/cancel stops the run: the task is cancelled and its result says so, with the partial text', async () => {
    const scenario = await scenarios.create({ pace: 20 });
    const worker = await scenario.startWorker();
    const { client } = await connectStdio(scenario);
    try {
      const task = await askAsTask(client, 'reply with 200 tokens');
      await worker.waitFor(/model call started/, { timeoutMs: 30_000 });
      const cancelled = await client.experimental.tasks.cancelTask(task.taskId);
      expect(cancelled.status).toBe('cancelled');
      expect((await client.experimental.tasks.getTask(task.taskId)).status).toBe('cancelled');
      const result = await taskResult(client, task.taskId);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        new RegExp(`^The run ${task.taskId} ended cancelled\\.\\n\\nPartial answer:\\n`),
      );
    } finally {
      await client.close();
    }
  });

  it('tasks/get of an id that is no run of this agent is an error; bad arguments are refused', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const { client } = await connectStdio(scenario);
    try {
      await expect(client.experimental.tasks.getTask('durable-agent/nothing/here')).rejects.toThrow(
        /Task not found/,
      );
      const refused = await client.callTool({ name: ASK_TOOL, arguments: { prompt: '' } });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toBe(
        'Invalid arguments for tool ask_durable_agent: prompt: prompt must not be empty',
      );
    } finally {
      await client.close();
    }
  });
});
