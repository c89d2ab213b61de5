import type { HostParts } from './host-parts';
import { type ReconciliationReport, reconcile } from './runs/reconciliation';

/**
 * Start-up, in order: the model (the demo model starts if Settings name none), the model profiles,
 * Temporal answering, the first workers, then the unfinished runs of the history re-attached (reconciled).
 * A failure is logged; the promise rejects with it.
 */
export function startHost(parts: HostParts, initialWorkers: number): Promise<ReconciliationReport> {
  const { store, events, runs, settings } = parts;
  const started = (async () => {
    await parts.model.prepare(settings.stored());
    await parts.profiles.prepare();
    await parts.temporal.current.ready;
    for (let index = 0; index < initialWorkers; index++) parts.supervisor.add();
    const report = reconcile(store, events, runs);
    if (report.resumed + report.orphaned > 0) parts.conversationsChanged();
    return report;
  })();
  started.catch((error: unknown) => parts.log(`start-up incomplete: ${String(error)}`));
  return started;
}

/**
 * Quit, in order: no more looks for scheduled runs; start-up settled; runs no longer followed (they resume
 * next launch); workers stopped; Agent clients closed; Temporal (if ours) and the demo model stopped; the
 * history closed last.
 */
export async function closeHost(parts: HostParts, started: Promise<unknown>): Promise<void> {
  parts.firedRuns.stop();
  await started.catch(() => undefined);
  await parts.runs.close();
  await parts.supervisor.close();
  await parts.agents.close();
  await parts.temporal.close();
  await parts.model.close();
  parts.store.close();
}
