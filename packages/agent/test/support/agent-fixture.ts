import { Agent } from '../../src/client/agent';
import type { AgentOptions } from '../../src/client/agent-options';
import { type DemoModel, startDemoModel } from '../../src/llm/demo-model';
import { openAICompatible } from '../../src/llm/openai-compatible';
import type { Tool } from '../../src/tools/define-tool';
import { AgentWorker } from '../../src/worker/agent-worker';
import type { AgentWorkerOptions } from '../../src/worker/agent-worker-options';
import { temporalAddress } from './temporal-connection';
import { uniqueTaskQueue } from './unique-task-queue';

/** A demo model, an in-process AgentWorker and an Agent on a fresh task queue of the shared server. */
export interface AgentFixture {
  readonly model: DemoModel;
  readonly taskQueue: string;
  readonly agent: Agent;
  startWorker(options?: Partial<AgentWorkerOptions>): Promise<AgentWorker>;
  createAgent(options?: Partial<AgentOptions>): Promise<Agent>;
  /** Graceful shutdown of every worker started so far. */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface AgentFixtureOptions {
  pace?: number;
  /** The demo model's context window in tokens (default: no limit). */
  contextWindow?: number;
  tools?: Tool[];
  agent?: Partial<AgentOptions>;
  worker?: Partial<AgentWorkerOptions> | false;
}

export async function createAgentFixture(options: AgentFixtureOptions = {}): Promise<AgentFixture> {
  const model = await startDemoModel({ pace: options.pace ?? 0, contextWindow: options.contextWindow });
  const taskQueue = uniqueTaskQueue('agent');
  const address = temporalAddress();
  const workers: { worker: AgentWorker; running: Promise<void> }[] = [];
  const agents: Agent[] = [];

  const startWorker = async (overrides: Partial<AgentWorkerOptions> = {}) => {
    const worker = await AgentWorker.create({
      name: 'assistant',
      instructions: 'You are a helpful assistant.',
      taskQueue,
      temporal: { address },
      model: openAICompatible({ baseURL: model.baseURL, apiKey: 'demo', model: 'demo' }),
      tools: options.tools ?? [],
      ...overrides,
    });
    workers.push({ worker, running: worker.run() });
    return worker;
  };
  const createAgent = async (overrides: Partial<AgentOptions> = {}) => {
    const agent = await Agent.create({
      name: 'assistant',
      taskQueue,
      temporal: { address },
      ...options.agent,
      ...overrides,
    });
    agents.push(agent);
    return agent;
  };

  const stopWorkers = async () => {
    const stopping = workers.splice(0);
    for (const entry of stopping) await entry.worker.shutdown().catch(() => undefined);
    await Promise.allSettled(stopping.map((entry) => entry.running));
  };

  if (options.worker !== false) await startWorker(options.worker || {});
  const agent = await createAgent();
  return {
    model,
    taskQueue,
    agent,
    startWorker,
    createAgent,
    stopWorkers,
    async close() {
      await stopWorkers();
      for (const each of agents) await each.close().catch(() => undefined);
      await model.close();
    },
  };
}
