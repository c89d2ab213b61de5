import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../common/names';
import type { ApprovalPolicy, ClientToolSpecification } from '../common/types';
import type { ConversationStore } from '../conversations/conversation-store';
import type { FollowOptions } from '../runs/followed-run';
import type { RunJournal } from '../runs/run-journal';
import { durationSchema } from '../temporal/duration-schema';
import { TemporalOptionsSchema } from '../temporal/temporal-options';
import { type BudgetOptions, BudgetOptionsSchema, PriceTableSchema } from './budget-options';
import type { OutputSchema } from './output-schema';
import type { AttachmentInput } from './run-attachments';

const approvalPolicySchema: z.ZodType<ApprovalPolicy> = z.union([
  z.enum(['tool-defined', 'require-all', 'auto']),
  z.object({ allowlist: z.array(z.string()) }),
]);

/** Default run timeout per mode: interactive fails fast, autonomous waits for workers. */
export const DEFAULT_TIMEOUT_MS = { interactive: 5 * 60_000, autonomous: 60 * 60_000 } as const;

export const AgentOptionsSchema = z.object({
  name: z.string().regex(/^[^/\s]+$/, 'must be a non-empty name without spaces or "/"'),
  taskQueue: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  temporal: TemporalOptionsSchema,
  mode: z.enum(['interactive', 'autonomous']).default('interactive'),
  /** Run deadline (and, in interactive mode, how long to wait for a worker); default 5m / 60m by mode. */
  timeout: durationSchema.optional(),
  approvalPolicy: approvalPolicySchema.default('tool-defined'),
  approvalTimeout: durationSchema.default(5 * 60_000),
  maxIterations: z.number().int().min(1).max(1000).default(10),
  heartbeatTimeout: durationSchema.default(10_000),
  /**
   * How long a worker may hold one of a run's workflow tasks. A task in flight on a worker that is killed
   * holds the run (the next attempt's events wait) until this passes; the run's tasks take milliseconds,
   * so 2 s (Temporal's default: 10 s) lets a run move on to a live worker quickly after a kill -9.
   */
  workflowTaskTimeout: durationSchema.default(2000),
  /**
   * How often a run's streamed text is published to its history (without live text the first token goes at
   * once). Every batch is a signal and a workflow task — four history events — so this sets the history's
   * growth: 800 ms keeps even a short reply under ten events per second of streaming, and the longest silence
   * of a follower that reads the history alone under a second. While someone reads an attempt's text live
   * from its worker, its batches come at most every 2.5 s; workers also stretch it when more than 50 runs
   * stream at once (see `StreamPacing`).
   */
  streamBatchInterval: durationSchema.default(800),
  /** The system prompt of its runs (a run may give its own: `instructions` of `stream()` / `run()`). */
  instructions: z.string().optional(),
  model: z.string().min(1).optional(),
  /**
   * Models to try in order, `[primary, ...fallbacks]`: a model call that fails for good on one (after its
   * retries, or at once on 401 / 404 / model not found) moves to the next. Replaces `model`.
   */
  models: z.array(z.string().min(1)).min(1).optional(),
  /**
   * The model's context window in tokens: before a model call whose estimated input (about 3 characters a
   * token) would leave less than a quarter of it (at most 4,096 tokens) for the answer, the run summarises
   * older turns with the model and sends the summary in their place. Without it, a run compacts only when
   * the model refuses a prompt as too long (HTTP 400 `context_length_exceeded`), then calls again once.
   */
  contextWindow: z.number().int().min(512).optional(),
  /**
   * History events after which a run continues as new between two model rounds (default 8,000; also when
   * Temporal suggests it, or past 8 MB). Lower it to see long runs continue in tests.
   */
  continueAsNewAfterEvents: z.number().int().min(20).optional(),
  /** Structured output: answers a run may give in all before it fails with `invalid-output`. */
  maxOutputAttempts: z.number().int().min(1).max(10).default(3),
  tools: z.array(z.string()).optional(),
  /** Every run's budget (a run's own `budget` option wins limit by limit); see `BudgetOptions`. */
  budget: z
    .custom<BudgetOptions>(
      (value) => BudgetOptionsSchema.safeParse(value).success,
      'must be valid budget options',
    )
    .optional(),
  /** USD per million tokens by model (`*` for any other), over the defaults (`DEFAULT_PRICES`). */
  prices: PriceTableSchema.optional(),
  /**
   * The folder files attached to runs are put in (content-addressed); the agent's workers read them from
   * the same folder (their `attachmentFolder`), shared or mounted on other machines.
   */
  attachmentFolder: z.string().min(1).optional(),
  /** Who this client is when it answers approvals and steers runs (default: `<pid>@<host>`). */
  identity: z.string().min(1).optional(),
  conversations: z
    .custom<ConversationStore>(
      (value) => typeof value === 'object' && value !== null && 'load' in value,
      'must implement ConversationStore (load)',
    )
    .optional(),
});

/** Options of `Agent.create`: the agent's name and task queue, where Temporal is, the run mode, timeouts, approvals and the conversation store. */
export type AgentOptions = z.input<typeof AgentOptionsSchema>;
export type ResolvedAgentOptions = z.output<typeof AgentOptionsSchema>;

/** Per-call choices of `agent.stream()` / `agent.run()`. */
export interface StreamOptions {
  /** Continue this conversation (its stored transcript goes into the run); default: a new one. */
  readonly conversationId?: string;
  /**
   * The run's id (default: a new UUID). Choose it when you must record the run before it starts — e.g. an
   * app that may crash between submitting and saving — so the record always finds its workflow.
   */
  readonly runId?: string;
  /** This run's system prompt, instead of the agent's. */
  readonly instructions?: string;
  readonly model?: string;
  /** This run's models, `[primary, ...fallbacks]`, instead of the agent's. */
  readonly models?: readonly string[];
  /**
   * Structured output: the answer must be JSON matching this zod schema or JSON Schema; `result.output`
   * holds it, parsed. An answer that does not match goes back to the model with the validation errors, up
   * to `maxOutputAttempts` answers; then the run fails with code `invalid-output`.
   */
  readonly output?: OutputSchema;
  readonly tools?: readonly string[];
  /** Instructions added to the agent's for this run (e.g. an AG-UI client's context). */
  readonly context?: string;
  /**
   * Tools the caller executes itself: the model may call them; the run then ends with those calls pending
   * (`result.messages` ends with them), and the caller answers them with `toolResults` in the next run.
   */
  readonly clientTools?: readonly ClientToolSpecification[];
  /**
   * Results of the client-side tool calls the conversation's last run left pending: they come before the
   * prompt, which may then be empty.
   */
  readonly toolResults?: readonly ToolResult[];
  /** This run's budget, over the agent's (limit by limit). */
  readonly budget?: BudgetOptions;
  /** Tools a person chose to always allow in this conversation (see `result.alwaysAllowedTools`). */
  readonly alwaysAllowedTools?: readonly string[];
  /**
   * Files attached to the prompt (text and code, PDFs, images): put in the agent's `attachmentFolder`; the
   * run's input carries references, and the worker reads the content when it calls the model.
   */
  readonly attachments?: readonly AttachmentInput[];
}

/** The result of a client-side tool call, by the call's id. */
export interface ToolResult {
  readonly toolCallId: string;
  readonly content: string;
}

/** `agent.submit()`: the run is recorded in `journal` before it starts, and followed into it until it ends. */
export interface SubmitOptions extends StreamOptions {
  readonly journal: RunJournal;
  readonly follow?: FollowOptions;
}
