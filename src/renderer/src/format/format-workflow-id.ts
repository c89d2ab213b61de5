/** `assistant/0c1f…/6a42…`: a workflow id `<agent>/<conversation>/<run>` short enough for the panel. */
export function formatWorkflowId(workflowId: string): string {
  const parts = workflowId.split('/');
  if (parts.length !== 3) return workflowId;
  const [agent, conversation, run] = parts as [string, string, string];
  return `${agent}/${conversation.slice(0, 8)}…/${run.slice(0, 8)}…`;
}
