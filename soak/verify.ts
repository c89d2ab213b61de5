import type { Agent } from 'durable-agent';
import type { RunOutcome } from './run-outcome';

export type Verdict = 'ok' | 'lost' | 'duplicated' | 'mismatched';

export interface CheckedRun extends RunOutcome {
  readonly verdict: Verdict;
  /** Temporal's recorded answer. */
  readonly recordedText?: string;
  readonly reason?: string;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The travel plan's first day twice: an answer (or part of it) shown twice. Other text differing is a mismatch. */
function repeats(text: string): boolean {
  return text.split('Day 1:').length > 2;
}

/**
 * Holds each run against Temporal's recorded result: finished exactly once, stored text = recorded text =
 * the text the reader saw (the CLI's compared with whitespace collapsed), usage present.
 */
export async function checkRun(outcome: RunOutcome, agent: Agent): Promise<CheckedRun> {
  const verdict = (value: Verdict, reason?: string, recordedText?: string): CheckedRun => ({
    ...outcome,
    verdict: value,
    ...(reason ? { reason } : {}),
    ...(recordedText !== undefined ? { recordedText } : {}),
  });
  if (outcome.problem || !outcome.workflowId || outcome.finishes === 0)
    return verdict('lost', outcome.problem ?? 'never finished');
  if (outcome.finishes > 1) return verdict('duplicated', `finalized ${outcome.finishes} times`);
  let recorded: string;
  try {
    recorded = (await (await agent.attach(outcome.workflowId)).result()).text;
  } catch (error) {
    return verdict(
      'lost',
      `Temporal has no result: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (outcome.status !== 'complete') return verdict('lost', `ended ${outcome.status}`, recorded);
  if (repeats(outcome.seenText) || repeats(outcome.storedText ?? ''))
    return verdict('duplicated', 'text shown twice', recorded);
  if (outcome.storedText !== recorded) return verdict('mismatched', 'stored text ≠ recorded text', recorded);
  const seen = outcome.channel === 'cli' ? collapse(outcome.seenText) : outcome.seenText;
  const expected = outcome.channel === 'cli' ? collapse(recorded) : recorded;
  if (seen !== expected) return verdict('mismatched', 'seen text ≠ recorded text', recorded);
  if (!outcome.usagePresent) return verdict('mismatched', 'no usage', recorded);
  return verdict('ok', undefined, recorded);
}
