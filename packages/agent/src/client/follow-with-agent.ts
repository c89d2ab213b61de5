import type { FollowOptions, RunSource, UnplacedRunEntry } from '../runs/followed-run';
import { FollowedRun } from '../runs/followed-run';
import type { RunEntry, RunJournal } from '../runs/run-journal';
import type { Agent } from './agent';

/**
 * Follows a recorded run with the agent `agent()` gives, asked for again at each try: an agent that cannot
 * be made yet (Temporal unreachable when the process starts) is retried like any outage (`reconnecting`),
 * so the caller needs no retry loop of its own. An entry recorded before any Temporal answered takes the
 * first that does. Stop it with `stop()` (the agents' `close()` does not know it). The agent's conversation
 * store is not put in front of `journal` here: a journal that needs it stores the messages itself.
 */
export function followWithAgent(
  agent: () => Promise<Agent>,
  entry: RunEntry | UnplacedRunEntry,
  journal: RunJournal,
  options: FollowOptions = {},
): FollowedRun {
  const source: RunSource = {
    attach: async (id) => (await agent()).attach(id),
    identity: async () => (await agent()).identity(),
  };
  return new FollowedRun(entry, journal, source, options);
}
