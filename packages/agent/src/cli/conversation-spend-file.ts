import { z } from 'zod';
import { type BudgetSpend, ZERO_SPEND } from '../common/budget';
import { budgetSpendSchema } from '../common/events';
import type { AgentRunResult } from '../common/types';
import type { RunEnding, RunEntry, RunJournal } from '../runs/run-journal';
import { withFileLock } from './file-lock';
import { readJsonFile, writeJsonFile } from './json-file';

const FileSchema = z.object({
  version: z.literal(1),
  conversations: z.record(z.string(), z.record(z.string(), budgetSpendSchema)),
});

/**
 * What each conversation of the CLI spent, run by run, in one JSON file per data directory
 * (`conversation-spend.json`): a conversation budget (`--conversation-max-tokens` …) counts it as what
 * earlier runs spent. A run's spend is written from its ending, by run id (a run followed again after a
 * crash writes the same entry), before the run leaves the journal: a kill -9 anywhere loses nothing.
 */
export class ConversationSpendFile {
  constructor(readonly file: string) {}

  /** What the conversation's finished runs spent, summed. */
  spent(conversationId: string): BudgetSpend {
    const runs = Object.values(this.read().conversations[conversationId] ?? {});
    return runs.reduce<BudgetSpend>(
      (total, spend) => ({
        tokens: total.tokens + spend.tokens,
        costUsd: total.costUsd + spend.costUsd,
        wallTimeMs: total.wallTimeMs + spend.wallTimeMs,
        toolCalls: total.toolCalls + spend.toolCalls,
        subAgentRuns: total.subAgentRuns + spend.subAgentRuns,
      }),
      ZERO_SPEND,
    );
  }

  /** `journal`, writing each ending's spend before the journal hears of the ending. */
  recording(journal: RunJournal): RunJournal {
    return {
      record: (entry) => journal.record(entry),
      progress: (entry, view) => journal.progress(entry, view),
      finish: (entry: RunEntry, ending: RunEnding) => {
        this.write(entry.conversationId, entry.runId, spendOf(ending.result));
        return journal.finish(entry, ending);
      },
    };
  }

  private write(conversationId: string, runId: string, spend: BudgetSpend): void {
    withFileLock(this.file, () => {
      const content = this.read();
      content.conversations[conversationId] = { ...content.conversations[conversationId], [runId]: spend };
      writeJsonFile(this.file, content);
    });
  }

  /** Missing or unreadable: nothing spent yet. */
  private read(): z.infer<typeof FileSchema> {
    return readJsonFile(this.file, FileSchema, { version: 1, conversations: {} });
  }
}

/** The run's spend; a run without a budget measured none: its tokens and tool calls are known. */
function spendOf(result: AgentRunResult): BudgetSpend {
  if (result.spend) return result.spend;
  const toolCalls = result.messages.reduce(
    (count, message) => count + (message.role === 'assistant' ? (message.toolCalls?.length ?? 0) : 0),
    0,
  );
  return {
    ...ZERO_SPEND,
    tokens: result.usage.totalTokens,
    toolCalls,
    subAgentRuns: result.subAgents?.length ?? 0,
  };
}
