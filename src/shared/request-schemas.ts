/**
 * Zod schemas of every request payload of the contract. The host (Electron `ipcMain`, the WebSocket
 * server) validates each payload with them before it reaches a handler.
 */
import { ATTACHMENT_LIMITS } from 'durable-agent/run-view';
import { z } from 'zod';

const identifier = z.string().trim().min(1).max(200);
const taskQueue = z
  .string()
  .trim()
  .min(1, 'the task queue must not be empty')
  .max(200)
  .regex(/^[^\s]+$/, 'the task queue must not contain spaces');

/** Channels that take no payload. */
export const noRequestSchema = z.undefined();

export const createConversationSchema = z
  .object({ title: z.string().trim().min(1).max(200).optional() })
  .strict()
  .optional();

export const conversationIdSchema = z.object({ conversationId: identifier }).strict();

export const renameConversationSchema = z
  .object({ conversationId: identifier, title: z.string().trim().min(1, 'the title is empty').max(200) })
  .strict();

export const searchConversationsSchema = z.object({ query: z.string().max(500) }).strict();

/** A file stored in the data folder's attachments, by reference (see `addAttachment`). */
export const attachmentReferenceSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{64}$/, 'not an attachment id'),
    name: z.string().trim().min(1).max(500),
    mediaType: z.string().min(1).max(200),
    size: z.number().int().min(0),
  })
  .strict();

export const sendMessageSchema = z
  .object({
    /** Omitted: a new conversation titled after the text. */
    conversationId: identifier.optional(),
    text: z.string().max(200_000),
    /** Files added with `addAttachment` first. */
    attachments: z
      .array(attachmentReferenceSchema)
      .max(
        ATTACHMENT_LIMITS.maxFilesPerMessage,
        `at most ${ATTACHMENT_LIMITS.maxFilesPerMessage} files per message`,
      )
      .optional(),
  })
  .strict()
  .refine((message) => message.text.trim() !== '' || (message.attachments?.length ?? 0) > 0, {
    message: 'the message is empty',
    path: ['text'],
  });

/**
 * One part of a file to attach, as base64 (parts of 512 kB fit web mode's frames): the first part starts an
 * upload (its id comes back), the `final` one stores the file (the host checks size and type) and answers
 * its reference.
 */
export const addAttachmentSchema = z
  .object({
    uploadId: identifier.optional(),
    name: z.string().trim().min(1, 'the file has no name').max(500),
    mediaType: z.string().max(200),
    base64: z.string().max(700_000, 'an upload part is at most 512 kB'),
    final: z.boolean(),
  })
  .strict();

/** An attachment's content (an image's thumbnail). */
export const readAttachmentSchema = z.object({ reference: attachmentReferenceSchema }).strict();

export const runIdSchema = z.object({ runId: identifier }).strict();

/** Regenerates the answer of an assistant message (the last one of its conversation). */
export const regenerateSchema = z.object({ messageId: identifier }).strict();

/** A new version of a sent prompt (its branch is answered anew and shown). */
export const editMessageSchema = z
  .object({
    messageId: identifier,
    text: z
      .string()
      .max(200_000)
      .refine((text) => text.trim() !== '', 'the message is empty'),
  })
  .strict();

/** Which version of a message to show (its branch becomes the conversation on screen). */
export const showMessageVersionSchema = z.object({ messageId: identifier }).strict();

export const answerApprovalSchema = z
  .object({
    runId: identifier,
    toolCallId: identifier,
    approved: z.boolean(),
    reason: z.string().max(2000).optional(),
    /** "Always allow <tool> in this conversation": this call and every later call of the tool. */
    alwaysAllow: z.boolean().optional(),
  })
  .strict();

/** A message sent into a running run ("Send now"): its model reads it at its next round. */
export const steerRunSchema = z
  .object({ runId: identifier, text: z.string().trim().min(1).max(20_000) })
  .strict();

export const workerIdSchema = z.object({ workerId: identifier }).strict();

export const noticeIdSchema = z.object({ noticeId: identifier }).strict();

export const addWorkerSchema = z
  .object({ taskQueue: taskQueue.optional(), start: z.boolean().optional() })
  .strict()
  .optional();

/** The longest system prompt the app takes (characters). */
/** Limits over a run or a conversation; null: none. */
export const budgetLimitsSchema = z.object({
  maxTokens: z.number().int().positive().nullable(),
  maxCostUsd: z.number().positive().nullable(),
  maxToolCalls: z.number().int().nonnegative().nullable(),
});

/** A run's budget: its limits and what it does at one (stop, or ask whether to go on). */
export const runBudgetSchema = budgetLimitsSchema.extend({ onLimit: z.enum(['stop', 'ask']) });

/** Which tool calls ask for approval first. */
export const approvalPolicySchema = z.enum(['tool-defined', 'require-all', 'auto']);

export const SYSTEM_PROMPT_MAX = 20_000;

/** A conversation's own system prompt and model; null = the default of Settings. */
export const setConversationSettingsSchema = z
  .object({
    conversationId: identifier,
    systemPrompt: z.string().max(SYSTEM_PROMPT_MAX).nullable(),
    model: z.string().trim().min(1).max(200).nullable(),
    /** Its model profile, and the profile whose default model answers when its own fails for good. */
    modelProfileId: identifier.nullable().optional(),
    fallbackProfileId: identifier.nullable().optional(),
    /** Limits over all its runs (null: none). */
    budget: budgetLimitsSchema.strict().nullable().optional(),
  })
  .strict();

/** "Test connection" of a draft (what the Settings form shows), else of the saved settings. */
export const testModelConnectionSchema = z
  .object({
    modelBaseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    modelName: z.string().trim().min(1).max(200),
    apiKey: z.string().min(1).max(1000).optional(),
  })
  .strict()
  .optional();

export const setWorkerTaskQueueSchema = z.object({ workerId: identifier, taskQueue }).strict();

/** USD per million tokens by model name (`*`: any other model), over the built-in prices. */
export const priceTableSchema = z.record(
  z.string().trim().min(1).max(200),
  z
    .object({
      inputPerMillion: z.number().nonnegative().max(1e9),
      outputPerMillion: z.number().nonnegative().max(1e9),
    })
    .strict(),
);

/** Every field optional: only what is given changes. `apiKey`: a string sets it, null removes it. */
export const saveSettingsSchema = z
  .object({
    modelBaseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional(),
    modelName: z.string().trim().min(1).max(200).optional(),
    systemPrompt: z.string().max(SYSTEM_PROMPT_MAX).optional(),
    apiKey: z.string().min(1).max(1000).nullable().optional(),
    mode: z.enum(['interactive', 'autonomous']).optional(),
    timeoutMs: z
      .number()
      .int()
      .min(1000)
      .max(24 * 3_600_000)
      .nullable()
      .optional(),
    taskQueue: taskQueue.optional(),
    approvalPolicy: approvalPolicySchema.optional(),
    budget: runBudgetSchema.strict().optional(),
    prices: priceTableSchema.optional(),
    temporalAddress: z
      .string()
      .trim()
      .regex(/^[^\s/]+:\d+$/, 'the Temporal address must look like host:port')
      .nullable()
      .optional(),
  })
  .strict();

export type SaveSettingsRequest = z.input<typeof saveSettingsSchema>;
