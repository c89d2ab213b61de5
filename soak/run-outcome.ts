import type { FaultKind } from './faults';
import type { Channel } from './planned-run';

/** What the soak saw of one run, checked against what was stored and what Temporal recorded. */
export interface RunOutcome {
  readonly index: number;
  readonly channel: Channel;
  readonly fault?: FaultKind;
  readonly faultDetail?: string;
  /** Fault → the run's text moving again (or the run ending). */
  readonly recoveryMs?: number;
  readonly workflowId?: string;
  /** The text the reader assembled while the run streamed. */
  readonly seenText: string;
  /** The stored answer (history.db for the app, the conversation store for the CLI). */
  readonly storedText?: string;
  /** How many times the run was finalized (timeline endings / stored runs). */
  readonly finishes: number;
  readonly usagePresent: boolean;
  readonly status: string;
  readonly problem?: string;
}
