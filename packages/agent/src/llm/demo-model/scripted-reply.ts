/** What the demo model answers: plain text, or one call of an offered tool. */
export type ScriptedReply =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tool-call'; readonly name: string; readonly arguments: string };

export function textReply(text: string): ScriptedReply {
  return { kind: 'text', text };
}

export function toolCallReply(name: string, toolArguments: unknown): ScriptedReply {
  return { kind: 'tool-call', name, arguments: JSON.stringify(toolArguments) };
}
