import type { ToolCallRecord } from '../../../../shared/models';
import { prettyArguments } from '../../format/pretty-arguments';
import { Icon } from '../common/icon';

/** One tool the answer used: its name, the arguments it got and what it returned (or that it still runs). */
function ToolCallCard({ call }: { readonly call: ToolCallRecord }) {
  return (
    <li className="tool-call-card" aria-label={`Tool call ${call.name}`}>
      <header>
        <Icon name="bolt" size={14} />
        <span>
          Called <code>{call.name}</code>
        </span>
        <span className="tool-call-state">{call.result === undefined ? 'running…' : 'returned'}</span>
      </header>
      <pre className="tool-call-arguments" data-testid="tool-call-arguments">
        {prettyArguments(call.arguments)}
      </pre>
      {call.result !== undefined && (
        <pre className="tool-call-result" data-testid="tool-call-result">
          {prettyArguments(call.result)}
        </pre>
      )}
    </li>
  );
}

/** The tool calls stored with an answer (live while it streams, kept after a reload or restart). */
export function ToolCallList({ toolCalls }: { readonly toolCalls: readonly ToolCallRecord[] }) {
  if (toolCalls.length === 0) return null;
  return (
    <ul className="tool-call-list" aria-label="Tool calls">
      {toolCalls.map((call) => (
        <ToolCallCard key={call.id} call={call} />
      ))}
    </ul>
  );
}
