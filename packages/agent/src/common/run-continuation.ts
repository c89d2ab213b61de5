import type { WorkflowStreamState } from '@temporalio/workflow-streams/workflow';
import type { ListToolsOutput, OutputCorrection } from './activity-types';
import type { BudgetLimits } from './budget';
import type {
  ApprovalOutcome,
  AttemptUsage,
  ConversationMessage,
  SubAgentRunSummary,
  TextInEvents,
} from './types';

/**
 * Where a run stood when its history grew long and it continued as new (one Temporal run of the chain to
 * the next, between two model rounds): everything the next Temporal run needs to go on as if it were the
 * same one. The run's input is otherwise unchanged, so whatever reads a run's input from its history (the
 * conversation, the prompt) reads the same in every Temporal run of the chain.
 */
export interface RunContinuation {
  /** The model round the next Temporal run starts with. */
  readonly round: number;
  /** How many times the run continued as new, this time included. */
  readonly continuations: number;
  /** The event log: its offsets go on where the last Temporal run's ended (its items stay in that history). */
  readonly stream: WorkflowStreamState;
  readonly ledger: RunLedgerState;
  readonly spend?: BudgetMeterState;
  /** Budget questions asked so far (their ids go on from there). */
  readonly budgetQuestions: number;
  readonly steers: SteerInboxState;
  /**
   * How the run's latest approvals were decided (absent in runs that continued before it was carried): a
   * second answer to one is refused as "already answered", the same as before the run continued.
   */
  readonly decidedApprovals?: DecidedApprovals;
  /** Tools a person allowed for the whole conversation during the run. */
  readonly newlyAllowed: readonly string[];
  /** Which of `config.models` the run is on. */
  readonly modelIndex: number;
  readonly outputCorrections: readonly OutputCorrection[];
  /** The summary of older turns the model reads in their place, and how many messages it covers. */
  readonly compactedSummary?: { readonly text: string; readonly covered: number };
  /** The tools the run's first model call listed. */
  readonly runTools?: ListToolsOutput;
  readonly subAgents: {
    readonly summaries: readonly SubAgentRunSummary[];
    readonly counts: readonly (readonly [string, number])[];
  };
}

/** Decided approvals by tool call id, oldest first. */
export type DecidedApprovals = readonly (readonly [toolCallId: string, outcome: ApprovalOutcome])[];

/** What `RunLedger` holds: the run's messages, usage per attempt, last text, rounds, attempts. */
export interface RunLedgerState {
  readonly messages: readonly ConversationMessage[];
  readonly usageByAttempt: readonly AttemptUsage[];
  readonly lastText: string;
  readonly rounds: number;
  readonly attempts: number;
  readonly inEvents: readonly Omit<TextInEvents, 'answer'>[];
}

/** What `BudgetMeter` has counted (workflow time: when the run's first Temporal run started). */
export interface BudgetMeterState {
  readonly startedAt: number;
  readonly tokens: number;
  readonly costUsd: number;
  readonly toolCalls: number;
  readonly subAgentRuns: number;
  readonly runLimits: BudgetLimits;
  readonly conversationLimits?: BudgetLimits;
}

/** The steers a run received, and how many of them it published and took into its messages. */
export interface SteerInboxState {
  readonly received: readonly {
    readonly steerId: string;
    readonly receivedAt: string;
    readonly text: string;
    readonly from?: string;
  }[];
  readonly published: number;
  readonly taken: number;
}
