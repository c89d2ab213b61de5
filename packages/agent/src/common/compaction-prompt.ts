/**
 * The words of compaction, shared by the worker that asks a model to summarise older turns and the demo
 * model that answers such a request by its script. Workflow-safe: plain strings.
 */

/** Characters a token is taken to be when sizing a model's input (JSON and code run shorter than prose's ~4). */
export const CHARACTERS_PER_TOKEN = 3;

/** How a summarisation request begins (the demo model recognises it by this). */
export const SUMMARY_REQUEST =
  'Summarize the earlier turns of this conversation for the assistant that continues it';

/** How the summary is shown to the model, in place of the turns it covers. */
export const SUMMARY_HEADING = "[Summary of earlier turns, compacted to fit the model's context window]";

/** The label of a previous summary inside a summarisation request. */
export const SUMMARY_SO_FAR = 'Summary so far:';

/** The label of the turns a summarisation request adds to the summary. */
export const TURNS_TO_ADD = 'Turns to add:';

/** The summarisation request: the summary so far (if any) and the turns to fold into it, one per line. */
export function summaryRequest(previousSummary: string | undefined, turns: readonly string[]): string {
  return [
    `${SUMMARY_REQUEST}: keep names, facts, decisions, open questions and tool results that matter; be brief.`,
    ...(previousSummary === undefined ? [] : ['', SUMMARY_SO_FAR, previousSummary]),
    '',
    TURNS_TO_ADD,
    ...turns,
  ].join('\n');
}

/** The message that stands for compacted turns in a model's input: a user message under the heading. */
export function summaryMessage(summary: string): { readonly role: 'user'; readonly content: string } {
  return { role: 'user', content: `${SUMMARY_HEADING}\n${summary}` };
}
