import { type AgentEvent, asControlEvent, ControlEventName, EventType } from 'durable-agent';
import type { ToolCallRecord } from '../../shared/models';

/**
 * The tool calls of an answer as events arrive, keyed by call id in call order: a start opens a call,
 * argument deltas append to it, a result completes it. An attempt-reset drops the calls of the replaced
 * attempt that never got a result (the new attempt makes its own). Seeded with stored calls, it continues
 * as if it had folded every earlier event itself.
 */
export class ToolCallFold {
  private readonly calls = new Map<string, ToolCallRecord>();

  constructor(seed: readonly ToolCallRecord[] = []) {
    for (const call of seed) this.calls.set(call.id, call);
  }

  /** Applies one event; true when the tool calls changed. */
  apply(event: AgentEvent): boolean {
    switch (event.type) {
      case EventType.TOOL_CALL_START: {
        const { toolCallId, toolCallName } = event;
        if (this.calls.has(toolCallId)) return false;
        this.calls.set(toolCallId, { id: toolCallId, name: toolCallName, arguments: '' });
        return true;
      }
      case EventType.TOOL_CALL_ARGS: {
        const { toolCallId, delta } = event;
        const call = this.calls.get(toolCallId);
        if (!call || delta === '') return false;
        this.calls.set(toolCallId, { ...call, arguments: call.arguments + delta });
        return true;
      }
      case EventType.TOOL_CALL_RESULT: {
        const { toolCallId, content } = event;
        const call = this.calls.get(toolCallId);
        if (!call) return false;
        const result = typeof content === 'string' ? content : JSON.stringify(content);
        this.calls.set(toolCallId, { ...call, result });
        return true;
      }
      default:
        return asControlEvent(event)?.name === ControlEventName.attemptReset && this.dropUnfinished();
    }
  }

  /** The calls so far, in the order they started. */
  toolCalls(): ToolCallRecord[] {
    return [...this.calls.values()];
  }

  private dropUnfinished(): boolean {
    let dropped = false;
    for (const [id, call] of this.calls) {
      if (call.result === undefined) {
        this.calls.delete(id);
        dropped = true;
      }
    }
    return dropped;
  }
}
