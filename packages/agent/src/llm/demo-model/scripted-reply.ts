/** What the demo model answers: plain text, or one call of an offered tool. */
export type ScriptedReply =
  | {
      readonly kind: 'text';
      readonly text: string;
      /** Sent in deltas of this many characters (a huge answer at speed), not one token each. */
      readonly deltaCharacters?: number;
    }
  | { readonly kind: 'tool-call'; readonly name: string; readonly arguments: string };

export function textReply(text: string, deltaCharacters?: number): ScriptedReply {
  return deltaCharacters === undefined ? { kind: 'text', text } : { kind: 'text', text, deltaCharacters };
}

export function toolCallReply(name: string, toolArguments: unknown): ScriptedReply {
  return { kind: 'tool-call', name, arguments: JSON.stringify(toolArguments) };
}
