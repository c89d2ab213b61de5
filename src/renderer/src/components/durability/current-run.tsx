import { describeModelCalls } from 'durable-agent/run-view';
import { formatUsage, PROMPT_TOKENS_EXPLAINED } from '../../format/format-tokens';
import { formatWorkflowId } from '../../format/format-workflow-id';
import { useAppStore } from '../../store/app-store';
import { selectCurrentRun } from '../../store/selectors';
import { Icon } from '../common/icon';
import { BudgetMeter } from './budget-meter';
import { PanelSection } from './panel-section';
import { runStateClass, runStateLabel } from './run-state-label';
import { RunTimeline } from './run-timeline';
import { WorkerWaitNotice } from './worker-wait-notice';

function workflowLink(webUiUrl: string, namespace: string, workflowId: string): string {
  return `${webUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** The selected conversation's latest run: state, model calls and retries, usage, workflow, and its live timeline. */
export function CurrentRun() {
  const run = useAppStore(selectCurrentRun);
  const timeline = useAppStore((state) => (run ? state.timelineByRun[run.id] : undefined));
  const temporal = useAppStore((state) => state.temporal);
  if (!run) {
    return (
      <PanelSection title="Current run">
        <p className="muted">Send a message: its run appears here, step by step.</p>
      </PanelSection>
    );
  }
  return (
    <PanelSection title="Current run">
      <div className="run-summary">
        <span className={`state-pill ${runStateClass(run)}`} data-testid="run-state">
          {runStateLabel(run)}
        </span>
        <span className="muted" data-testid="run-model-calls">
          {describeModelCalls(run.view.modelCalls ?? run.view.messages.length, run.view.retries ?? 0)}
        </span>
      </div>
      {run.view.budget && <BudgetMeter budget={run.view.budget} />}
      {run.view.workerWait && <WorkerWaitNotice wait={{ ...run.view.workerWait, since: run.startedAt }} />}
      <dl className="facts">
        <dt>Workflow</dt>
        <dd>
          {temporal?.webUiUrl ? (
            <a
              className="link workflow-id"
              href={workflowLink(temporal.webUiUrl, temporal.namespace, run.workflowId)}
              target="_blank"
              rel="noreferrer noopener"
              title={run.workflowId}
            >
              {formatWorkflowId(run.workflowId)} <Icon name="external" size={12} />
            </a>
          ) : (
            <code className="workflow-id" title={run.workflowId}>
              {formatWorkflowId(run.workflowId)}
            </code>
          )}
        </dd>
        {run.view.usage.totalTokens > 0 && (
          <>
            <dt>Tokens</dt>
            <dd data-testid="run-usage" title={PROMPT_TOKENS_EXPLAINED}>
              {formatUsage(run.view.usage)}
            </dd>
          </>
        )}
        {run.view.error && (
          <>
            <dt>Error</dt>
            <dd className="error-text">{run.view.error.message}</dd>
          </>
        )}
      </dl>
      <RunTimeline entries={timeline ?? []} workflowId={run.workflowId} />
    </PanelSection>
  );
}
