import { memo, useMemo } from 'react';
import type { ChatMessage } from '../../../../shared/models';
import { useAppStore } from '../../store/app-store';
import { SubAgentBlocks } from '../exports/sub-agent-blocks';
import { ApprovalList } from './approval-list';
import { MarkdownText } from './markdown-text';
import { MessageFooter } from './message-footer';
import { MessageStatusNote } from './message-status-note';
import { RunStatusBanner } from './run-status-banner';
import { ToolCallList } from './tool-call-list';
import { UserMessage } from './user-message';

/** One message: markdown text, and for answers the tools used, the run's live state, approvals, status and usage. */
export const MessageItem = memo(function MessageItem({
  message,
  isLast,
}: {
  readonly message: ChatMessage;
  readonly isLast: boolean;
}) {
  const isUser = message.role === 'user';
  const streaming = message.status === 'streaming';
  // The caret blinks only while text arrives (not while the run waits for a worker, a retry or approval).
  const flowing = useAppStore(
    (state) =>
      streaming && message.runId !== undefined && state.runs[message.runId]?.view.phase === 'streaming',
  );
  const subAgents = useAppStore((state) =>
    message.runId === undefined ? undefined : state.runs[message.runId]?.view.subAgents,
  );
  const approvals = useAppStore((state) =>
    message.runId === undefined ? undefined : state.runs[message.runId]?.view.approvals,
  );
  const awaitingApproval = useMemo(() => approvals?.map((approval) => approval.toolCallId), [approvals]);
  return (
    <li
      className={`message message-${message.role} message-${message.status}`}
      aria-label={isUser ? 'Your message' : 'Agent answer'}
      data-status={message.status}
    >
      <div className="message-author">{isUser ? 'You' : 'Agent'}</div>
      <div className="message-body">
        {isUser ? (
          <UserMessage message={message} />
        ) : (
          <>
            {message.toolCalls && (
              <ToolCallList toolCalls={message.toolCalls} awaitingApproval={awaitingApproval} />
            )}
            <SubAgentBlocks subAgents={subAgents} />
            {message.text !== '' && <MarkdownText text={message.text} streaming={flowing} />}
            {streaming && message.runId && (
              <RunStatusBanner runId={message.runId} hasText={message.text !== ''} />
            )}
            {message.runId && <ApprovalList runId={message.runId} />}
            <MessageStatusNote message={message} />
            <MessageFooter message={message} isLast={isLast} />
          </>
        )}
      </div>
    </li>
  );
});
