/**
 * AG-UI message ids of a durable run's messages. A round's message keeps its durable id
 * (`<runId>-<round>`) on its first attempt; a retried attempt is a new message, `<id>-attempt-<n>`, so a
 * client never appends a new attempt's text to the abandoned one. A tool result is `<id>-result-<toolCallId>`.
 * Every id of run R starts with `R-`: a re-POSTed request shows which of its messages came from the run.
 */
export function attemptMessageId(messageId: string, attempt: number): string {
  return attempt <= 1 ? messageId : `${messageId}-attempt-${attempt}`;
}

export function toolResultMessageId(messageId: string, toolCallId: string): string {
  return `${messageId}-result-${toolCallId}`;
}

export function isMessageOfRun(messageId: string, runId: string): boolean {
  return messageId.startsWith(`${runId}-`);
}
