import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Agent } from '../client/agent';
import type { AgentSchedule, ScheduleTiming } from '../client/agent-schedules';
import { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
import { AGENT_NAME } from './agent-flags';
import { environmentHelp, loadDotEnvFile, readCliConfig } from './cli-config';
import { textFlag } from './command-line';
import { type CommandLine, defineCommand } from './define-command';
import { temporalFlags, temporalFlagsHelp } from './temporal-flags';
import { visibleText } from './terminal-text';
import { UsageError } from './usage-error';

const flags = {
  ...temporalFlags,
  every: { type: 'string' },
  cron: { type: 'string' },
  prompt: { type: 'string' },
  conversation: { type: 'string' },
  'task-queue': { type: 'string' },
} as const;

const actions = ['create', 'list', 'pause', 'unpause', 'trigger', 'delete'] as const;
type Action = (typeof actions)[number];

function help(): string {
  return `Usage: durable-agent schedule create (--every 1h | --cron "0 8 * * *") --prompt "…" [--conversation <id>]
       durable-agent schedule list
       durable-agent schedule pause|unpause|trigger|delete <id>

Runs a prompt on a Temporal Schedule: each firing is a run of the agent (autonomous: it waits in the
queue for a worker), in the conversation given (default: a new one per schedule), which it reads as it
is when it fires. \`schedule list\` and \`durable-agent agent --conversation <id>\` store the finished
runs in the CLI's conversations, once each.

Options:
  --every <interval>      fire every 5s, 30m, 1h, 1d
  --cron <expression>     fire on a cron expression (UTC), e.g. "0 8 * * *"
  --prompt <text>         what each run asks
  --conversation <id>     the conversation the runs belong to
  --task-queue <name>     the agent's task queue (default $AGENT_TASK_QUEUE or "agent")
  -h, --help              show this help

${temporalFlagsHelp}

${environmentHelp()}`;
}

/** `durable-agent schedule`. Exit codes: 0 done, 1 on failure, 2 for bad options. */
export const run = defineCommand({
  name: 'schedule',
  help,
  flags,
  positionals: true,
  parse: parseOptions,
  run: runAction,
});

interface ScheduleOptions {
  readonly action: Action;
  readonly values: CommandLine<typeof flags>['values'];
  readonly id: string | undefined;
  readonly config: ReturnType<typeof readCliConfig>;
  /** For `create`. */
  readonly timing: ScheduleTiming | undefined;
  readonly prompt: string | undefined;
}

function parseOptions({ values, positionals }: CommandLine<typeof flags>): ScheduleOptions {
  const [name, target, extra] = positionals;
  if (!actions.includes(name as Action))
    throw new UsageError(`Expected one of ${actions.join(', ')}${name ? `, not "${name}"` : ''}.`);
  const action = name as Action;
  const id = textFlag('id', target);
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
  if (action !== 'create' && action !== 'list' && id === undefined)
    throw new UsageError(`schedule ${action} needs the schedule's id.`);
  loadDotEnvFile();
  const config = readCliConfig(process.env, values);
  let timing: ScheduleTiming | undefined;
  let prompt: string | undefined;
  if (action === 'create') {
    timing = timingOf(values.every, values.cron);
    prompt = textFlag('prompt', values.prompt);
    if (prompt === undefined) throw new UsageError('--prompt "…" is required.');
  }
  return { action, values, id, config, timing, prompt };
}

async function runAction({ action, values, id, config, timing, prompt }: ScheduleOptions): Promise<number> {
  mkdirSync(config.dataDirectory, { recursive: true });
  const conversations = new SqliteConversationStore(path.join(config.dataDirectory, 'conversations.db'));
  const agent = await Agent.create({
    name: AGENT_NAME,
    taskQueue: textFlag('task-queue', values['task-queue']) ?? config.taskQueue,
    temporal: config.temporal,
    mode: 'autonomous',
    conversations,
  }).catch((error: unknown) => {
    conversations.close();
    throw error;
  });
  try {
    const schedules = agent.schedules();
    if (action === 'create') {
      const conversationId = textFlag('conversation', values.conversation);
      const created = await schedules.create(timing!, {
        prompt: prompt!,
        ...(conversationId ? { conversationId } : {}),
      });
      console.log(`created schedule ${created.id} (conversation ${created.conversationId})`);
      console.log(describe(created));
    } else if (action === 'list') {
      const all = await schedules.list();
      if (all.length === 0) console.log('no schedules');
      for (const schedule of all) {
        console.log(describe(schedule));
        await storeRuns(schedule.conversationId);
      }
    } else {
      await schedules[action](id!);
      console.log(
        `${action === 'delete' ? 'deleted' : action === 'trigger' ? 'triggered' : `${action}d`} ${id}`,
      );
    }
    return 0;
  } finally {
    await agent.close();
    conversations.close();
  }

  /** Stores the schedule's finished runs in the CLI's conversation, once each. */
  async function storeRuns(conversationId: string): Promise<void> {
    const known = new Set(conversations.runs(conversationId).map((run) => run.runId));
    const added = await agent.schedules().storeFiredRuns(conversationId, (runId) => known.has(runId));
    const runs = known.size + added.length;
    console.log(`  stored runs: ${runs}${added.length > 0 ? ` (${added.length} new)` : ''}`);
  }
}

function timingOf(every: string | undefined, cron: string | undefined): ScheduleTiming {
  if ((every === undefined) === (cron === undefined)) throw new UsageError('Give one of --every or --cron.');
  if (every !== undefined) {
    if (!/^\d+(ms|s|m|h|d)$/.test(every))
      throw new UsageError(`--every "${every}" is not an interval like 5s, 30m, 1h.`);
    return { every };
  }
  return { cron: cron! };
}

function describe(schedule: AgentSchedule): string {
  const timing =
    'every' in schedule.timing ? `every ${schedule.timing.every}` : `cron "${schedule.timing.cron}"`;
  return [
    `${schedule.id}  ${timing}${schedule.paused ? '  (paused)' : ''}`,
    `  prompt: ${visibleText(schedule.prompt)}`,
    `  conversation: ${schedule.conversationId}`,
    `  next run: ${schedule.nextRunAt?.toISOString() ?? '—'}`,
    `  last run: ${schedule.lastRunAt ? `${schedule.lastRunAt.toISOString()} (${schedule.lastRunWorkflowId})` : '—'}`,
  ].join('\n');
}
