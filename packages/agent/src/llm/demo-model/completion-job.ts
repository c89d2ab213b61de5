import type { ChatRequest } from './chat-request';
import type { CompletionIdentity, Usage } from './completion-payloads';
import type { DemoModelState } from './demo-model-state';
import type { StreamFault } from './demo-model-types';
import type { ScriptedReply } from './scripted-reply';

/** Everything needed to answer one accepted chat completion request. */
export interface CompletionJob {
  readonly request: ChatRequest;
  readonly reply: ScriptedReply;
  readonly identity: CompletionIdentity;
  readonly usage: Usage;
  /** A fault to play once some tokens are out, if one was injected for this request. */
  readonly fault: StreamFault | undefined;
  readonly state: DemoModelState;
  /** Aborts when the client goes away or the server closes. */
  readonly signal: AbortSignal;
}
