import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFailed } from 'vitest';
import type { ConversationMessage } from '../../../src/common/types';
import { SqliteConversationStore } from '../../../src/conversations/sqlite-conversation-store';
import type { ConversationExport } from '../../../src/export/export-document';
import { parseConversationExport } from '../../../src/export/parse-conversation-export';
import { type DemoModel, startDemoModel } from '../../../src/llm/demo-model';
import { temporalAddress } from '../../support/temporal-connection';
import { uniqueTaskQueue } from '../../support/unique-task-queue';
import { CliProcess, describeExit } from './cli-process';
import { streamBlock } from './stream-block';

export const WORKER_STARTING = (taskQueue: string) =>
  `Agent worker starting on task queue "${taskQueue}". Run this before the agent.`;
export const WORKER_RUNNING = 'Agent worker running. Press Ctrl+C to stop.';
export const WORKER_SHUTTING_DOWN = 'Shutting down agent worker...';
export const PROMPT = 'you> ';

export interface ScenarioOptions {
  readonly pace: number;
  /** The demo model's context window in tokens (default: no limit). */
  readonly contextWindow?: number;
  readonly temporalAddress?: string;
  /** More variables for every process (e.g. the TLS files and API key of a Temporal behind a proxy). */
  readonly environment?: Readonly<Record<string, string>>;
}
const STREAM_END = '--- stream end ---\n';

/** Variables a developer's shell may set that must not leak into the processes under test. */
const CONFIG_VARIABLES = [
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_CERT',
  'TEMPORAL_TLS_KEY',
  'TEMPORAL_TLS_CA',
  'TEMPORAL_TLS_SERVER_NAME',
  'DURABLE_AGENT_SDK_LOG_LEVEL',
  'AGENT_TASK_QUEUE',
  'OPENAI_BASE_URL',
  'OPENAI_API_KEY',
  'OPENAI_MODEL',
  'DURABLE_AGENT_DATA_DIR',
];

/**
 * One scenario of the seed: a demo model in this process (so the test can change its pace), a fresh
 * task queue on the shared Temporal server, a data directory, and the `durable-agent` processes the
 * test starts as terminals 1, 2, 3…
 */
export class Scenario {
  readonly processes: CliProcess[] = [];
  readonly directory: string;

  private constructor(
    readonly model: DemoModel,
    readonly taskQueue: string,
    readonly temporalAddress: string,
    private readonly extraEnvironment: Readonly<Record<string, string>> = {},
  ) {
    this.directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-cli-'));
  }

  /** `temporalAddress`: a Temporal of the test's own (default: the shared test server). */
  static async create(options: ScenarioOptions): Promise<Scenario> {
    const model = await startDemoModel({ pace: options.pace, contextWindow: options.contextWindow });
    return new Scenario(
      model,
      uniqueTaskQueue('cli'),
      options.temporalAddress ?? temporalAddress(),
      options.environment,
    );
  }

  /** The file where the agent journals the runs it has not seen finish. */
  get journalFile(): string {
    return path.join(this.directory, 'cli-runs.json');
  }

  get conversationsFile(): string {
    return path.join(this.directory, 'conversations.db');
  }

  /** The environment of a terminal where `cp env.sample .env` set Temporal, the queue and the model. */
  environment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of CONFIG_VARIABLES) delete env[name];
    return {
      ...env,
      TEMPORAL_ADDRESS: this.temporalAddress,
      AGENT_TASK_QUEUE: this.taskQueue,
      OPENAI_BASE_URL: this.model.baseURL,
      OPENAI_MODEL: 'demo',
      DURABLE_AGENT_DATA_DIR: this.directory,
      ...this.extraEnvironment,
    };
  }

  /** `durable-agent worker [args]`, resolved once it prints that it is running. */
  async startWorker(args: readonly string[] = []): Promise<CliProcess> {
    const worker = this.spawn(`worker ${this.count('worker') + 1}`, ['worker', ...args]);
    await worker.waitFor(WORKER_RUNNING, { timeoutMs: 60_000 });
    return worker;
  }

  /** `durable-agent agent [args]`, resolved at its first `you> `. */
  async startAgent(args: readonly string[] = []): Promise<CliProcess> {
    const agent = this.spawn(`agent ${this.count('agent') + 1}`, ['agent', ...args]);
    await agent.waitFor(PROMPT, { timeoutMs: 30_000 });
    return agent;
  }

  spawn(label: string, args: readonly string[]): CliProcess {
    const child = CliProcess.start(label, args, this.environment(), this.directory);
    this.processes.push(child);
    return child;
  }

  /** `command <args>` in `cwd` as a terminal's job (e.g. `npx durable-agent worker` in the repository). */
  spawnCommand(
    label: string,
    command: string,
    args: readonly string[],
    cwd: string,
    env: NodeJS.ProcessEnv = this.environment(),
  ): CliProcess {
    const child = CliProcess.startCommand(label, command, args, env, cwd);
    this.processes.push(child);
    return child;
  }

  /**
   * Types `prompt` at the agent's `you> ` and waits for the run to end and the next `you> `;
   * returns the lines from `--- stream start ---` to `--- stream end ---`.
   */
  async ask(agent: CliProcess, prompt: string, timeoutMs = 30_000): Promise<string[]> {
    const from = agent.mark();
    agent.send(prompt);
    const end = await agent.waitFor(`${STREAM_END}${PROMPT}`, { from, timeoutMs });
    return streamBlock(agent.stdout.slice(from, end));
  }

  /** `durable-agent export --conversation <id> --format json --output <file>`: the document it wrote. */
  async exportJson(conversationId: string): Promise<ConversationExport> {
    const file = path.join(this.directory, 'export.json');
    const json = this.spawn('export json', [
      'export',
      '--conversation',
      conversationId,
      '--format',
      'json',
      '--output',
      file,
    ]);
    const exit = await json.waitForExit();
    if (exit.code !== 0) throw new Error(`export json ended with ${describeExit(exit)}:\n${json.output}`);
    return parseConversationExport(readFileSync(file, 'utf8'));
  }

  /** The messages the agent stored for a conversation. */
  async storedConversation(conversationId: string): Promise<ConversationMessage[]> {
    const store = new SqliteConversationStore(this.conversationsFile);
    try {
      return await store.load(conversationId);
    } finally {
      store.close();
    }
  }

  /** Everything each process printed, for a failed test's report. */
  report(): string {
    return this.processes
      .map((child) => {
        const exit = child.exit === undefined ? 'still running' : describeExit(child.exit);
        return `===== ${child.label} (pid ${child.pid}, ${exit}) =====\n${child.output}`;
      })
      .join('\n');
  }

  /** Kills every process still running, stops the model, removes the directory. */
  async close(): Promise<void> {
    await Promise.all(this.processes.map((child) => child.kill()));
    await this.model.close();
    rmSync(this.directory, { recursive: true, force: true });
  }

  private count(kind: string): number {
    return this.processes.filter((child) => child.label.startsWith(kind)).length;
  }
}

/**
 * Creates scenarios inside tests and closes them in `afterEach`, also when the test failed. A failed
 * test prints what every process printed; DURABLE_AGENT_SHOW_TRANSCRIPTS=1 prints it for every test.
 */
export function scenarioRegistry(): {
  create(options: ScenarioOptions): Promise<Scenario>;
  closeAll(): Promise<void>;
} {
  const open: Scenario[] = [];
  return {
    async create(options) {
      const scenario = await Scenario.create(options);
      open.push(scenario);
      onTestFailed(() => {
        console.log(`\nOutput of the processes of the failed scenario:\n${scenario.report()}`);
      });
      return scenario;
    },
    async closeAll() {
      const closing = open.splice(0);
      if (process.env.DURABLE_AGENT_SHOW_TRANSCRIPTS === '1') {
        for (const scenario of closing) console.log(`\nTranscript of the scenario:\n${scenario.report()}`);
      }
      await Promise.all(closing.map((scenario) => scenario.close()));
    },
  };
}

/** The conversation id the agent prints in its banner. */
export function conversationIdOf(agent: CliProcess): string {
  const id = /Conversation (\S+) \(continue it later/.exec(agent.stdout)?.[1];
  if (id === undefined) throw new Error(`${agent.label} printed no conversation id:\n${agent.output}`);
  return id;
}
