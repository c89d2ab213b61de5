/**
 * A conversation as a file: its messages and, for each run, the run's full AG-UI event log (with `seq`
 * and `timestamp`), attempts, usage, which worker ran each attempt, and its sub-agents' runs. JSON in,
 * JSON out: importing a file and exporting it again gives the same messages and events.
 * Browser-safe: no Node built-ins.
 */

import { z } from 'zod';
import type { AttachmentReference } from '../common/attachment-reference';
import type { AgentEvent } from '../common/events';
import type { UsageBreakdown } from '../common/run-usage';
import type { AttemptUsage, ConversationMessage, RunError, RunStatus, Usage } from '../common/types';

/** The `format` field of our export files: a file without it is not ours. */
export const CONVERSATION_EXPORT_FORMAT = 'durable-agent/conversation-export';
export const CONVERSATION_EXPORT_VERSION = 1;

/** Which worker ran (or lost) one attempt of an activity, and when. */
export interface ExportedAttempt {
  readonly activity: 'invokeModelStreaming' | 'callTool';
  readonly attempt: number;
  readonly worker: string;
  readonly outcome: 'completed' | 'failed' | 'running';
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly error?: string;
}

/** One run of an exported conversation: its events, attempts, usage by attempt and sub-agent runs. */
export interface ExportedRun {
  readonly runId: string;
  readonly workflowId: string;
  /** The sub-agent's name for a child run; absent for a run a person started. */
  readonly agentName?: string;
  readonly prompt: string;
  readonly status: RunStatus | 'running';
  readonly startedAt?: string;
  readonly endedAt?: string;
  /** Model calls the run made; a retried call is one call (see `AgentRunResult`). Absent in older exports. */
  readonly modelCalls?: number;
  /** Attempts beyond each call's first. Absent in older exports. */
  readonly retries?: number;
  /** @deprecated `modelCalls + retries`. */
  readonly attempts: number;
  /** @deprecated The same as `modelCalls`. */
  readonly rounds: number;
  readonly usage: Usage;
  /** `usage` by what it bought: the answer's own, failed attempts, a Stop. Absent in older exports. */
  readonly usageBreakdown?: UsageBreakdown;
  readonly usageByAttempt: readonly AttemptUsage[];
  readonly error?: RunError;
  readonly workers: readonly ExportedAttempt[];
  /** Every event of the run's log, in `seq` order. */
  readonly events: readonly AgentEvent[];
  readonly subAgents: readonly ExportedRun[];
}

/**
 * One message of a conversation kept as a tree: an edited prompt or a regenerated answer is a sibling
 * version (same `parentId`). An answer names its run and what that run added after the prompt.
 */
export interface ExportedTreeMessage {
  readonly id: string;
  /** null for a first prompt. */
  readonly parentId: string | null;
  readonly role: 'user' | 'assistant';
  /** The prompt, or the answer's final text. */
  readonly content: string;
  /** An answer's run (its events are in `runs`). */
  readonly runId?: string;
  /** An answer's messages after the prompt: text, tool calls, tool results. */
  readonly replies?: readonly ConversationMessage[];
  /** A prompt's attached files, by reference (the content is not in the file: see docs/attachments.md). */
  readonly attachments?: readonly AttachmentReference[];
}

/** Every version of every message; `shownLeafId` ends the branch that `messages` holds. */
export interface ExportedTree {
  readonly messages: readonly ExportedTreeMessage[];
  readonly shownLeafId: string;
}

/** A conversation as exported to JSON: its messages and, for each run, its full event log, attempts and workers. */
export interface ConversationExport {
  readonly format: typeof CONVERSATION_EXPORT_FORMAT;
  readonly version: typeof CONVERSATION_EXPORT_VERSION;
  readonly exportedAt: string;
  readonly conversation: { readonly id: string; readonly title: string };
  /** The branch shown when exported, as the model saw it. */
  readonly messages: readonly ConversationMessage[];
  readonly runs: readonly ExportedRun[];
  /** The whole tree (every version), when the conversation has one; older files have none. */
  readonly tree?: ExportedTree;
}

const usageSchema = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  totalTokens: z.number(),
});

/** An attached file by reference: an export keeps its name, type, size and hash, not its content. */
const attachmentSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
});

const messageSchema = z.union([
  z.object({
    role: z.literal('user'),
    content: z.string(),
    attachments: z.array(attachmentSchema).optional(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.string(),
    toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })).optional(),
  }),
  z.object({ role: z.literal('tool'), content: z.string(), toolCallId: z.string(), toolName: z.string() }),
]);

const eventSchema = z.looseObject({ type: z.string(), seq: z.number().int(), runId: z.string() });

const runSchema: z.ZodType<ExportedRun> = z.lazy(() =>
  z.object({
    runId: z.string().min(1),
    workflowId: z.string().min(1),
    agentName: z.string().optional(),
    prompt: z.string(),
    status: z.enum(['completed', 'cancelled', 'failed', 'budget-exhausted', 'running']),
    startedAt: z.string().optional(),
    endedAt: z.string().optional(),
    modelCalls: z.number().int().nonnegative().optional(),
    retries: z.number().int().nonnegative().optional(),
    attempts: z.number().int().nonnegative(),
    rounds: z.number().int().nonnegative(),
    usage: usageSchema,
    usageBreakdown: z
      .object({ answer: usageSchema, failedAttempts: usageSchema, stopped: usageSchema })
      .optional(),
    usageByAttempt: z.array(
      usageSchema.extend({
        round: z.number(),
        attempt: z.number(),
        outcome: z.enum(['completed', 'failed', 'cancelled']),
        model: z.string().optional(),
      }),
    ),
    error: z.object({ message: z.string(), code: z.string() }).optional(),
    workers: z.array(
      z.object({
        activity: z.enum(['invokeModelStreaming', 'callTool']),
        attempt: z.number().int().positive(),
        worker: z.string(),
        outcome: z.enum(['completed', 'failed', 'running']),
        startedAt: z.string().optional(),
        endedAt: z.string().optional(),
        error: z.string().optional(),
      }),
    ),
    events: z.array(eventSchema),
    subAgents: z.array(runSchema),
  }),
) as unknown as z.ZodType<ExportedRun>;

export const ConversationExportSchema = z.object({
  format: z.literal(CONVERSATION_EXPORT_FORMAT),
  version: z.literal(CONVERSATION_EXPORT_VERSION),
  exportedAt: z.string(),
  conversation: z.object({ id: z.string().min(1), title: z.string() }),
  messages: z.array(messageSchema),
  runs: z.array(runSchema),
  tree: z
    .object({
      messages: z.array(
        z.object({
          id: z.string().min(1),
          parentId: z.string().min(1).nullable(),
          role: z.enum(['user', 'assistant']),
          content: z.string(),
          runId: z.string().min(1).optional(),
          replies: z.array(messageSchema).optional(),
          attachments: z.array(attachmentSchema).optional(),
        }),
      ),
      shownLeafId: z.string().min(1),
    })
    .optional(),
});
