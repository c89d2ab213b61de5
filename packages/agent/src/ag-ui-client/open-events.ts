import { type BaseEvent, EventType } from '@ag-ui/client';

/**
 * What a resumed stream must re-state before it continues: the run's RUN_STARTED and the starts of the
 * text messages and tool calls still open. The stock client verifies each connection on its own
 * (`verifyEvents`), and applying a start again for a message it holds adds nothing.
 */
export class OpenEvents {
  private runStarted: BaseEvent | undefined;
  private readonly open = new Map<string, BaseEvent>();
  private endedFlag = false;

  /** True once the run ended (RUN_FINISHED or RUN_ERROR): nothing is left to resume. */
  get ended(): boolean {
    return this.endedFlag;
  }

  /** The events that re-open the stream where it stopped. */
  get opening(): BaseEvent[] {
    return this.runStarted === undefined ? [] : [this.runStarted, ...this.open.values()];
  }

  /** Follows one event the client applied. */
  follow(event: BaseEvent): void {
    const fields = event as BaseEvent & { messageId?: string; toolCallId?: string };
    switch (event.type) {
      case EventType.RUN_STARTED:
        this.runStarted = event;
        this.open.clear();
        this.endedFlag = false;
        return;
      case EventType.RUN_FINISHED:
      case EventType.RUN_ERROR:
        this.endedFlag = true;
        this.open.clear();
        return;
      case EventType.TEXT_MESSAGE_START:
        this.open.set(`message:${fields.messageId}`, event);
        return;
      case EventType.TEXT_MESSAGE_END:
        this.open.delete(`message:${fields.messageId}`);
        return;
      case EventType.TOOL_CALL_START:
        this.open.set(`tool:${fields.toolCallId}`, event);
        return;
      case EventType.TOOL_CALL_END:
        this.open.delete(`tool:${fields.toolCallId}`);
        return;
      default:
        return;
    }
  }
}
