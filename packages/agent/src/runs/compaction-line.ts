import type { RunMilestone } from './run-view';

/**
 * The one sentence the CLI, the app's timeline and the export say for a compaction: "summary of earlier
 * turns (…)", then the summary the model reads in their place.
 */
export function describeCompaction(
  milestone: Omit<Extract<RunMilestone, { kind: 'context-compacted' }>, 'kind' | 'seq'>,
): string {
  const { summarizedMessages, keptMessages, tokensBefore, tokensAfter, contextWindow, reason, summary } =
    milestone;
  const why = reason === 'refused' ? 'the model refused the input as too long; ' : '';
  return (
    `summary of earlier turns (${why}${summarizedMessages} messages summarised, ${keptMessages} kept; ` +
    `input ~${tokensBefore} → ~${tokensAfter} tokens of a ${contextWindow}-token context window): ${summary}`
  );
}
