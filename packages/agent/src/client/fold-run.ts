import { applyRunEvent } from '../runs/apply-run-event';
import { EMPTY_RUN_VIEW, type RunView } from '../runs/run-view';
import type { AgentRun } from './agent-run';

/**
 * The run's view from its logged events, folded by the library's reducer: to its end, or (`untilNow`) as
 * logged so far — a running run's snapshot, read without waiting (and without its worker).
 */
export async function foldRun(
  run: AgentRun,
  options: { readonly untilNow: boolean; readonly signal?: AbortSignal },
): Promise<RunView> {
  let view = EMPTY_RUN_VIEW;
  for await (const event of run.events({ live: false, untilNow: options.untilNow, signal: options.signal })) {
    view = applyRunEvent(view, event);
  }
  return view;
}
