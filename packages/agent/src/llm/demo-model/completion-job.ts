import type { ChatRequest } from './chat-request';
import type { CompletionIdentity, Usage } from './completion-payloads';
import type { DemoModelState } from './demo-model-state';
import type { DemoModelFault } from './demo-model-types';
import type { ScriptedReply } from './scripted-reply';

/** Everything needed to answer one accepted chat completion request. */
export interface CompletionJob {
  readonly request: ChatRequest;
  readonly reply: ScriptedReply;
  readonly identity: CompletionIdentity;
  readonly usage: Usage;
  /** A disconnect or stall fault to play, if one was injected for this request. */
  readonly fault: Exclude<DemoModelFault, { kind: 'status' }> | undefined;
  readonly state: DemoModelState;
  /** Aborts when the client goes away or the server closes. */
  readonly signal: AbortSignal;
}
