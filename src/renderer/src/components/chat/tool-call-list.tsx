import type { ToolCallRecord } from '../../../../shared/models';
import { prettyArguments } from '../../format/pretty-arguments';
import { Icon } from '../common/icon';
import { ScrollablePre } from '../common/scrollable-pre';

/**
 * One tool the answer used: its name, the arguments it got and what it returned (or that it still runs, or
 * waits for an approval).
 */
function ToolCallCard({
  call,
  awaitingApproval,
}: {
  readonly call: ToolCallRecord;
  readonly awaitingApproval: boolean;
}) {
  return (
    <li className="chat-card" aria-label={`Tool call ${call.name}`}>
      <header>
        <Icon name="bolt" size={14} />
        <span>
          Called <code>{call.name}</code>
        </span>
        <span className="tool-call-state">
          {call.result !== undefined ? 'returned' : awaitingApproval ? 'waiting for approval' : 'running…'}
        </span>
      </header>
      <ScrollablePre className="chat-card-code" data-testid="tool-call-arguments">
        {prettyArguments(call.arguments)}
      </ScrollablePre>
      {call.result !== undefined && (
        <ScrollablePre className="chat-card-code tool-call-result" data-testid="tool-call-result">
          {prettyArguments(call.result)}
        </ScrollablePre>
      )}
    </li>
  );
}

/** The tool calls stored with an answer (live while it streams, kept after a reload or restart). */
export function ToolCallList({
  toolCalls,
  awaitingApproval = [],
}: {
  readonly toolCalls: readonly ToolCallRecord[];
  /** Ids of the calls waiting for Approve / Reject. */
  readonly awaitingApproval?: readonly string[];
}) {
  if (toolCalls.length === 0) return null;
  return (
    <ul className="tool-call-list" aria-label="Tool calls">
      {toolCalls.map((call) => (
        <ToolCallCard key={call.id} call={call} awaitingApproval={awaitingApproval.includes(call.id)} />
      ))}
    </ul>
  );
}
