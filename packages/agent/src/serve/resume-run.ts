import type { ResumeEntry } from '@ag-ui/core';
import type { Agent } from '../client/agent';
import type { AgentRun } from '../client/agent-run';
import { AgentError } from '../common/errors';
import { asControlEvent } from '../common/events';
import type { ApprovalDecision } from '../common/types';
import { HttpError } from './http-error';
import { decisionOf, parseInterruptId } from './interrupts';
import { asHttpError } from './start-run';
import type { ThreadRuns } from './thread-runs';

/** The waiting run a resume answers, and the seq of the approval whose interrupt ended the last AG-UI run. */
export interface ResumedRun {
  readonly run: AgentRun;
  readonly durableRunId: string;
  readonly approvalSeq: number;
}

/**
 * Answers the interrupt of `entries` (AG-UI resume input) on the run waiting for it. Unknown interrupt: 404.
 * Answered already, expired or the run over: 409 — unless the recorded answer is this same answer (a
 * re-sent resume re-attaches) or the entry abandons the interrupt (`cancelled`).
 */
export async function resumeRun(
  agent: Agent,
  threads: ThreadRuns,
  threadId: string,
  entries: readonly ResumeEntry[],
): Promise<ResumedRun> {
  if (entries.length !== 1) {
    throw new HttpError(
      400,
      'invalid-input',
      `resume: expected one entry (one interrupt is open at a time), got ${entries.length}`,
    );
  }
  const entry = entries[0]!;
  const { runId, toolCallId } = parseInterruptId(entry.interruptId);
  const decision = decisionOf(entry);
  let run: AgentRun;
  try {
    run = await agent.attach(agent.workflowIdFor(threadId, runId));
  } catch (error) {
    if (error instanceof AgentError && error.code === 'run-not-found') {
      throw new HttpError(
        404,
        'interrupt-not-found',
        `no interrupt "${entry.interruptId}" in thread "${threadId}": no such run`,
      );
    }
    throw asHttpError(error);
  }
  let refusal: AgentError | undefined;
  try {
    await run.approve(toolCallId, decision);
  } catch (error) {
    if (!(error instanceof AgentError && error.code === 'invalid-input')) throw asHttpError(error);
    // Never asked for in a running run (one that ended is read below, to its end).
    if (/^no approval is waiting for tool call .* \(waiting: /.test(error.message)) {
      throw new HttpError(
        404,
        'interrupt-not-found',
        `no interrupt "${entry.interruptId}": ${error.message}`,
      );
    }
    refusal = error;
  }
  const approval = await findApproval(run, toolCallId, refusal !== undefined);
  if (approval.requestSeq === undefined) {
    throw new HttpError(
      404,
      'interrupt-not-found',
      `no interrupt "${entry.interruptId}": the run never asked for it`,
    );
  }
  // `cancelled` abandons the interrupt: whatever became of it, the client gets the run's continuation.
  if (refusal && entry.status !== 'cancelled' && !sameDecision(approval.resolved, decision)) {
    throw new HttpError(
      409,
      'interrupt-answered',
      `interrupt "${entry.interruptId}" cannot be answered: ${refusal.message}`,
    );
  }
  void threads.track(threadId, run);
  return { run, durableRunId: runId, approvalSeq: approval.requestSeq };
}

interface ApprovalRecord {
  requestSeq?: number;
  resolved?: { approved: boolean; decidedBy: string };
}

/** Reads the run's log for the approval's request (and, when `needResolution`, how it was decided). */
async function findApproval(
  run: AgentRun,
  toolCallId: string,
  needResolution: boolean,
): Promise<ApprovalRecord> {
  const record: ApprovalRecord = {};
  for await (const event of run.events({ live: false })) {
    const control = asControlEvent(event);
    if (control?.name === 'approval-request' && control.value.toolCallId === toolCallId) {
      record.requestSeq = event.seq;
      if (!needResolution) break;
    }
    if (control?.name === 'approval-resolved' && control.value.toolCallId === toolCallId) {
      record.resolved = control.value;
      break;
    }
  }
  return record;
}

function sameDecision(resolved: ApprovalRecord['resolved'], decision: ApprovalDecision): boolean {
  return resolved !== undefined && resolved.decidedBy === 'user' && resolved.approved === decision.approved;
}
