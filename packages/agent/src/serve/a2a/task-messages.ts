import { randomUUID } from 'node:crypto';
import type { Message } from '@a2a-js/sdk';
import { RequestMalformedError, UnsupportedOperationError } from '@a2a-js/sdk/errors';
import type { Agent } from '../../client/agent';
import type { AgentRun } from '../../client/agent-run';
import { foldRun } from '../../client/fold-run';
import { AgentError } from '../../common/errors';
import { HttpError } from '../http-error';
import type { ThreadRuns } from '../thread-runs';
import { approvalReplyOf } from './approval-reply';
import { textOfParts } from './task-parts';
import { attachTask } from './task-runs';

const ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** The run a message drives, and the seq through which its client has seen the run already. */
export interface MessageTarget {
  readonly run: AgentRun;
  readonly seenThrough: number;
}

/**
 * What a message does. Without a task id it starts a run in its context (a new conversation when it has
 * none); its `messageId` becomes the run id, so a message sent again (its reply lost) joins that run
 * instead of starting a second. With the id of a task waiting for an approval, it answers the approval
 * and the task goes on; the client has seen the task up to that approval.
 */
export async function runForMessage(
  agent: Agent,
  threads: ThreadRuns,
  message: Message,
): Promise<MessageTarget> {
  if (message.taskId) return answerApproval(agent, threads, message);
  const prompt = textOfParts(message.parts);
  if (prompt === undefined || prompt.trim() === '') {
    throw new RequestMalformedError(
      'the message must have text parts only, with some text: there is nothing to run',
    );
  }
  const contextId = message.contextId || randomUUID();
  if (!ID.test(contextId)) {
    throw new RequestMalformedError(
      `contextId "${contextId.slice(0, 60)}" must be 1-200 letters, digits, ".", "_", ":" or "-"`,
    );
  }
  const runId = ID.test(message.messageId) ? message.messageId : randomUUID();
  let release: () => void;
  try {
    release = threads.claim(contextId, runId);
  } catch (error) {
    throw error instanceof HttpError
      ? new UnsupportedOperationError(error.message.replace(/ \(POST .*\)$/, ''))
      : error;
  }
  try {
    const run = await agent.stream(prompt, { conversationId: contextId, runId });
    void threads.track(contextId, run);
    return { run, seenThrough: -1 };
  } catch (error) {
    release();
    if (error instanceof AgentError && error.code === 'invalid-input')
      throw new RequestMalformedError(error.message);
    throw error;
  }
}

async function answerApproval(agent: Agent, threads: ThreadRuns, message: Message): Promise<MessageTarget> {
  const run = await attachTask(agent, message.taskId);
  const view = await foldRun(run, { untilNow: true });
  const approval = view.approvals[0];
  if (approval === undefined) {
    throw new UnsupportedOperationError(
      `task "${message.taskId}" is not waiting for input (${view.phase}): send the message without a taskId (same contextId) to go on with the conversation`,
    );
  }
  const decision = approvalReplyOf(message, approval);
  try {
    await run.approve(approval.toolCallId, decision);
  } catch (error) {
    if (error instanceof AgentError && error.code === 'invalid-input') {
      throw new UnsupportedOperationError(error.message);
    }
    throw error;
  }
  void threads.track(run.conversationId, run);
  const asked = view.milestones.find(
    (milestone) =>
      milestone.kind === 'approval-requested' && milestone.approval.toolCallId === approval.toolCallId,
  );
  return { run, seenThrough: asked?.seq ?? -1 };
}
