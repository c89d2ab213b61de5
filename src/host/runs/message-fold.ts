import { type AgentEvent, RunTranscript } from 'durable-agent';

/** Where a stored partial answer stopped: its model message, text, attempt and the last folded seq. */
export interface FoldSeed {
  readonly runId: string;
  readonly threadId: string;
  readonly messageId: string;
  readonly text: string;
  readonly attempt: number;
  readonly lastSeq: number;
}

/**
 * The answer's text as events arrive (the library's RunTranscript: an attempt-reset drops the replaced
 * attempt's text). Seeded with a stored partial answer, it continues after `lastSeq` as if it had
 * folded every earlier event itself.
 */
export class MessageFold {
  private readonly transcript = new RunTranscript();

  constructor(seed?: FoldSeed) {
    if (seed) this.transcript.restore(seed);
  }

  apply(event: AgentEvent): void {
    this.transcript.apply(event);
  }

  /** The text of the run's latest model message. */
  text(): string {
    return this.transcript.text();
  }
}
