import type { ModelChunk, ModelProvider, ModelRequest } from '../../src/llm/model-provider';

/** A fake model that answers each call with the next scripted reply and fails loudly past the script. */
export function scriptedModel(
  name: string,
  replies: ModelChunk[][],
): ModelProvider & { calls: ModelRequest[] } {
  const calls: ModelRequest[] = [];
  return {
    name,
    calls,
    async *stream(request) {
      calls.push(request);
      const reply = replies[calls.length - 1];
      if (!reply)
        throw new Error(
          `scripted model "${name}" called ${calls.length} times; only ${replies.length} replies scripted`,
        );
      yield* reply;
    },
  };
}

export const say = (text: string): ModelChunk[] => [
  { type: 'text-delta', delta: text },
  { type: 'usage', usage: { promptTokens: 5, completionTokens: 3, totalTokens: 8 } },
];

export const callTool = (id: string, name: string, args: unknown): ModelChunk[] => [
  { type: 'tool-call-start', index: 0, id, name },
  { type: 'tool-call-delta', index: 0, argumentsDelta: JSON.stringify(args) },
  { type: 'usage', usage: { promptTokens: 5, completionTokens: 4, totalTokens: 9 } },
];
