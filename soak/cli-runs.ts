import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { answerRead, CliAgent } from './cli-process';
import { injectProcessFault, modelFault } from './faults';
import type { PlannedRun } from './planned-run';
import type { RunOutcome } from './run-outcome';
import type { SoakEnvironment } from './soak-environment';
import { waitFor } from './wait-for';

const RUN_TIMEOUT_MS = 300_000;

/** One run through `durable-agent agent` (its own conversation), killed and resumed when its fault says so. */
export async function runThroughCli(run: PlannedRun, environment: SoakEnvironment): Promise<RunOutcome> {
  const { demo, host, cliEnvironment } = environment;
  const conversationId = `soak-${run.tag}-${randomUUID().slice(0, 8)}`;
  const injected = run.fault ? modelFault(run.fault, run.tag) : undefined;
  if (injected) demo.injectFault(injected);
  const args = ['--task-queue', environment.taskQueue, '--conversation', conversationId];
  let agent = new CliAgent([...args, run.prompt], cliEnvironment);
  let faultDetail: string | undefined;
  let recoveryMs: number | undefined;
  if (run.fault && !injected) {
    await waitFor(() => agent.streamed().length > 40, 120_000);
    const at = Date.now();
    if (run.fault === 'cli-kill') {
      await agent.kill();
      faultDetail = 'the CLI agent (kill -9), then started again with --conversation';
      agent = new CliAgent(args, cliEnvironment);
    } else {
      faultDetail = await environment.oneFaultAtATime(() =>
        injectProcessFault(run.fault!, host, conversationId),
      );
    }
    const length = agent.streamed().length;
    const moved = await waitFor(() => agent.streamed().length > length && Date.now(), RUN_TIMEOUT_MS, 50);
    if (moved) recoveryMs = moved - at;
  }
  const ended = await Promise.race([agent.exited.then(() => true), waitFor(() => false, RUN_TIMEOUT_MS)]);
  if (ended !== true) await agent.kill();
  const stored = storedRun(environment.cliDataDir, conversationId);
  const output = agent.output;
  const usage = /\[usage\] prompt=\d+ completion=\d+ total=(\d+)/.exec(output);
  return {
    index: run.index,
    channel: 'cli',
    ...(run.fault ? { fault: run.fault } : {}),
    ...(faultDetail ? { faultDetail } : {}),
    ...(recoveryMs !== undefined ? { recoveryMs } : {}),
    ...(stored.runId ? { workflowId: `durable-agent/${conversationId}/${stored.runId}` } : {}),
    seenText: answerRead(output),
    ...(stored.text !== undefined ? { storedText: stored.text } : {}),
    finishes: stored.runs,
    usagePresent: Number(usage?.[1] ?? 0) > 0,
    status: output.includes('[complete]') ? 'complete' : output.includes('[error]') ? 'failed' : 'lost',
    ...(ended !== true ? { problem: `the CLI did not end within 5 minutes: ${output.slice(-300)}` } : {}),
  };
}

/** The conversation as the CLI stored it: how many runs it appended, and the last answer. */
function storedRun(dataDir: string, conversationId: string): { runs: number; runId?: string; text?: string } {
  let database: Database.Database | undefined;
  try {
    database = new Database(path.join(dataDir, 'conversations.db'), { readonly: true, fileMustExist: true });
    const runs = database
      .prepare('SELECT run_id FROM conversation_runs WHERE conversation_id = ?')
      .all(conversationId) as { run_id: string }[];
    const last = database
      .prepare(
        `SELECT message FROM conversation_messages WHERE conversation_id = ? ORDER BY position DESC LIMIT 1`,
      )
      .get(conversationId) as { message: string } | undefined;
    const message = last ? (JSON.parse(last.message) as { role: string; content: string }) : undefined;
    return {
      runs: runs.length,
      ...(runs[0] ? { runId: runs[0].run_id } : {}),
      ...(message?.role === 'assistant' ? { text: message.content } : {}),
    };
  } catch {
    return { runs: 0 };
  } finally {
    database?.close();
  }
}
