/**
 * Our control events: CUSTOM events with stable kebab-case names (`attempt-reset`, `worker-wait`,
 * `approval-request`, …) and one zod schema each for their `value`. Workflow-safe: no Node built-ins.
 */
import { z } from 'zod';

/** The names of our CUSTOM control events, as they travel in AG-UI `CUSTOM` events. */
export const ControlEventName = {
  attemptReset: 'attempt-reset',
  workerWait: 'worker-wait',
  approvalRequest: 'approval-request',
  approvalResolved: 'approval-resolved',
  usage: 'usage',
  subAgentStarted: 'sub-agent-started',
  subAgentFinished: 'sub-agent-finished',
  budgetStatus: 'budget-status',
  budgetReached: 'budget-reached',
  steerReceived: 'steer-received',
  contextCompacted: 'context-compacted',
  continuedAsNew: 'continued-as-new',
  liveTextMoved: 'live-text-moved',
} as const;

const usageFields = {
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
};

const budgetLimitNameSchema = z.enum(['tokens', 'cost', 'wall-time', 'tool-calls', 'sub-agent-runs']);
const budgetLimitsSchema = z.object({
  maxTokens: z.number().nonnegative().optional(),
  maxCostUsd: z.number().nonnegative().optional(),
  maxWallTimeMs: z.number().nonnegative().optional(),
  maxToolCalls: z.number().nonnegative().optional(),
  maxSubAgentRuns: z.number().nonnegative().optional(),
});
/** What a run (or a conversation) spent: a `BudgetSpend`, checked wherever one is read back. */
export const budgetSpendSchema = z.object({
  tokens: z.number().nonnegative(),
  costUsd: z.number().nonnegative(),
  wallTimeMs: z.number().nonnegative(),
  toolCalls: z.number().nonnegative(),
  subAgentRuns: z.number().nonnegative(),
});

/** Which delegation a sub-agent event is about: the parent's tool call and the child's run. */
const subAgentFields = z.object({
  agentName: z.string(),
  toolCallId: z.string(),
  workflowId: z.string(),
  runId: z.string(),
});

/** Our CUSTOM events, one schema per name. */
export const ControlEventSchema = z.discriminatedUnion('name', [
  z.object({
    name: z.literal(ControlEventName.attemptReset),
    value: z.object({
      messageId: z.string(),
      attempt: z.number().int().min(2),
      reason: z.string(),
      /** The model the new attempt calls, when it is another than the previous attempt's (a fallback). */
      model: z.string().optional(),
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.workerWait),
    value: z.object({
      state: z.enum(['waiting', 'found', 'timed-out']),
      taskQueue: z.string(),
      elapsedMs: z.number().nonnegative(),
      timeoutMs: z.number().nonnegative(),
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.approvalRequest),
    value: z.object({
      toolCallId: z.string(),
      toolName: z.string(),
      arguments: z.string(),
      requestedAt: z.string(),
      expiresAt: z.string(),
      /** Why it needs approval, shown to the approver. */
      reason: z.string().optional(),
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.approvalResolved),
    value: z.object({
      toolCallId: z.string(),
      approved: z.boolean(),
      reason: z.string().optional(),
      decidedBy: z.enum(['user', 'timeout', 'cancel']),
      /** The deciding client's identity. */
      decider: z.string().optional(),
      decidedAt: z.string().optional(),
      /** The person allowed every later call of the tool in this conversation. */
      alwaysAllow: z.boolean().optional(),
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.usage),
    value: z.object({
      round: z.number().int().positive(),
      attempt: z.number().int().positive(),
      outcome: z.enum(['completed', 'failed', 'cancelled']),
      /** The model the attempt called. */
      model: z.string().optional(),
      ...usageFields,
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.subAgentStarted),
    value: subAgentFields,
  }),
  z.object({
    name: z.literal(ControlEventName.subAgentFinished),
    value: z.object({
      ...subAgentFields.shape,
      status: z.enum(['completed', 'cancelled', 'failed', 'budget-exhausted']),
      /** The sub-agent's answer (or partial text, or error): what its parent's model reads. */
      text: z.string(),
      attempts: z.number().int().nonnegative(),
      rounds: z.number().int().nonnegative(),
      usage: z.object(usageFields),
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.budgetStatus),
    value: z.object({
      /** The run's limits now (a yes to a budget question raises one). */
      limits: budgetLimitsSchema,
      conversationLimits: budgetLimitsSchema.optional(),
      /** What earlier runs of the conversation spent. */
      spentBefore: budgetSpendSchema.optional(),
      spend: budgetSpendSchema,
      onBudget: z.enum(['stop', 'ask']),
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.budgetReached),
    value: z.object({
      limit: budgetLimitNameSchema,
      scope: z.enum(['run', 'conversation']),
      value: z.number().nonnegative(),
      spent: z.number().nonnegative(),
      message: z.string(),
      /** `stop`: the run ends as budget-exhausted; `ask`: it waits for an answer (an approval request). */
      action: z.enum(['stop', 'ask']),
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.steerReceived),
    value: z.object({
      steerId: z.string(),
      text: z.string(),
      receivedAt: z.string(),
      from: z.string().optional(),
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.contextCompacted),
    value: z.object({
      /** The model's summary of the earlier turns: what the model reads in their place from now on. */
      summary: z.string(),
      /** How many messages of the model's input (the conversation, then the run's own) it stands for. */
      summarizedMessages: z.number().int().positive(),
      /** Messages the model still reads in full after it. */
      keptMessages: z.number().int().nonnegative(),
      /** `estimate`: the input was about to outgrow the context window; `refused`: the model said it had. */
      reason: z.enum(['estimate', 'refused']),
      contextWindow: z.number().int().positive(),
      /** Estimated tokens of the model's input before and after. */
      tokensBefore: z.number().int().nonnegative(),
      tokensAfter: z.number().int().nonnegative(),
      /** Summarisation requests it took, and their tokens. */
      requests: z.number().int().nonnegative(),
      ...usageFields,
    }),
  }),
  z.object({
    name: z.literal(ControlEventName.continuedAsNew),
    value: z.object({
      /** The Temporal run of the workflow's chain that goes on: 2 after the run's first continuation. */
      temporalRun: z.number().int().min(2),
      /** History events and bytes of the Temporal run that ended, when it decided to continue. */
      historyEvents: z.number().int().nonnegative(),
      historyBytes: z.number().int().nonnegative(),
      /** Why: Temporal suggested it, or the history reached the run's event count or size limit. */
      reason: z.enum(['temporal-suggested', 'history-events', 'history-bytes']),
    }),
  }),
  z.object({
    /**
     * The attempt's text is read live at another address than its TEXT_MESSAGE_START named: the workflow
     * announced the call with an address on the worker that scheduled it, and another worker runs it.
     */
    name: z.literal(ControlEventName.liveTextMoved),
    value: z.object({
      messageId: z.string(),
      attempt: z.number().int().positive(),
      liveText: z.object({ url: z.string(), worker: z.string() }),
      /** The identity of the worker that runs the attempt. */
      worker: z.string().optional(),
    }),
  }),
]);

/** One of our CUSTOM control events (`attempt-reset`, `worker-wait`, `approval-request`, …), parsed: its `name` and typed `value`. */
export type ControlEvent = z.infer<typeof ControlEventSchema>;
export type ControlEventOf<N extends ControlEvent['name']> = Extract<ControlEvent, { name: N }>;
