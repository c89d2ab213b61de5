import { answerText, type RunView, reduceRunEvents } from 'durable-agent/run-view';
import type { DurableAgentApi } from '../src/shared/ipc-contract';
import type { RunInfo } from '../src/shared/models';

/**
 * What a user of the app saw of each run: like the renderer, the run's view from the host's run updates
 * folded on with the run events (the deltas). A settled view that adds no event is not taken, so the text
 * kept here is the one the events showed, to hold against what was stored and what Temporal recorded.
 */
export class HostReader {
  private readonly views = new Map<string, RunView>();
  private readonly grewAt = new Map<string, number>();

  /** Listens to a (new) host process; the reader's state carries over. */
  listen(api: DurableAgentApi): void {
    api.onRunUpdated((run) => this.adopt(run));
    api.onRunEvents(({ runId, events }) => {
      const known = this.views.get(runId);
      if (known) this.take(runId, reduceRunEvents(events, known));
    });
  }

  adopt(run: RunInfo): void {
    const known = this.views.get(run.id);
    if (!known || run.view.lastSeq > known.lastSeq) this.take(run.id, run.view);
  }

  text(runId: string): string {
    const view = this.views.get(runId);
    return view ? answerText(view) : '';
  }

  /** When the run's text last grew (or the run ended). */
  lastProgress(runId: string): number {
    return this.grewAt.get(runId) ?? 0;
  }

  private take(runId: string, view: RunView): void {
    const before = this.views.get(runId);
    this.views.set(runId, view);
    if (!before || answerText(view).length !== answerText(before).length || view.phase !== before.phase)
      this.grewAt.set(runId, Date.now());
  }
}
