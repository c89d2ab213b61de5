import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { collectRunExport } from '../client/collect-run-export';
import { messageOf } from '../common/error-message';
import { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
import { buildConversationExport } from '../export/build-conversation-export';
import { conversationMarkdown } from '../export/conversation-markdown';
import { connectClient } from '../temporal/connect-client';
import { AGENT_NAME } from './agent-flags';
import { environmentHelp, loadDotEnvFile, readCliConfig } from './cli-config';
import { choiceFlag, textFlag } from './command-line';
import { type CommandLine, defineCommand } from './define-command';
import { temporalFlags, temporalFlagsHelp } from './temporal-flags';
import { visibleText } from './terminal-text';
import { UsageError } from './usage-error';

const flags = {
  ...temporalFlags,
  conversation: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

function help(): string {
  return `Usage: durable-agent export --conversation <id> [--format md|json] [--output <file>]

Exports a stored conversation: Markdown (readable: each prompt and its final answer, tools, sub-agents,
a line per run with its attempts, tokens and workers) or JSON (the messages and every run's full AG-UI
event log with seq and timestamps, attempts, usage, which worker ran each attempt, and the runs of its
sub-agents). The messages come from $DURABLE_AGENT_DATA_DIR/conversations.db, the event logs from
Temporal. The JSON imports into the desktop app as a read-only copy that can be replayed.

Options:
  --conversation <id>   the conversation (as given to \`durable-agent agent --conversation\`)
  --format <format>     md (default) or json
  -o, --output <file>   write to this file instead of standard output
  -h, --help            show this help

${temporalFlagsHelp}

${environmentHelp()}`;
}

/** `durable-agent export`. Exit codes: 0 done, 1 on failure, 2 for bad options. */
export const run = defineCommand({
  name: 'export',
  help,
  flags,
  parse: parseOptions,
  run: exportConversation,
});

interface ExportOptions {
  readonly values: CommandLine<typeof flags>['values'];
  readonly conversationId: string;
  readonly format: 'md' | 'json';
  readonly config: ReturnType<typeof readCliConfig>;
}

function parseOptions({ values }: CommandLine<typeof flags>): ExportOptions {
  const conversationId = textFlag('conversation', values.conversation);
  if (conversationId === undefined) throw new UsageError('--conversation <id> is required.');
  const format = choiceFlag('format', values.format, ['md', 'json'] as const) ?? 'md';
  loadDotEnvFile();
  return { values, conversationId, format, config: readCliConfig(process.env, values) };
}

async function exportConversation({
  values,
  conversationId,
  format,
  config,
}: ExportOptions): Promise<number> {
  const store = new SqliteConversationStore(path.join(config.dataDirectory, 'conversations.db'));
  try {
    const messages = await store.load(conversationId);
    const runs = store.runs(conversationId);
    if (runs.length === 0) {
      console.error(`[error] no conversation "${visibleText(conversationId)}" in ${config.dataDirectory}`);
      return 1;
    }
    const { connection } = await connectClient(config.temporal);
    try {
      const client = new Client({ connection, namespace: config.temporal.namespace });
      const exported = [];
      for (const { runId } of runs) {
        const workflowId = [AGENT_NAME, conversationId, runId].join('/');
        exported.push(await collectRunExport(client, workflowId, { runId, threadId: conversationId }));
      }
      const title =
        messages.find((message) => message.role === 'user')?.content.slice(0, 60) ?? conversationId;
      const document = buildConversationExport({ id: conversationId, title }, messages, exported);
      const text =
        format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : conversationMarkdown(document);
      if (values.output) writeFileSync(values.output, text);
      // On a terminal the model's escape sequences (title, clear screen, hidden links) show as stand-ins;
      // to a file or a pipe the export stays exactly what was said.
      else process.stdout.write(process.stdout.isTTY ? visibleText(text) : text);
      return 0;
    } finally {
      await connection.close().catch(() => undefined);
    }
  } catch (error) {
    console.error(`[error] ${visibleText(messageOf(error))}`);
    return 1;
  } finally {
    store.close();
  }
}
