/**
 * THE contract between the host (Electron main or web mode) and the renderer: `invoke` channels
 * (request → response, requests validated with zod) and `events` channels (host → renderer).
 * `main/ipc.ts`, `preload/index.ts`, the WebSocket server and `web-transport.ts` are generic over it;
 * `DurableAgentApi` is derived from it.
 */
import type { z } from 'zod';
import {
  type ExportFile,
  exportConversationSchema,
  importConversationSchema,
  type RunReplay,
  runReplaySchema,
  type SavedExport,
} from './export-models';
import {
  type McpServerSetting,
  mcpServerNameSchema,
  saveMcpServerSchema,
  setMcpServerEnabledSchema,
} from './mcp-models';
import {
  listModelsSchema,
  type ModelProfile,
  modelProfileIdSchema,
  saveModelProfileSchema,
} from './model-profile-models';
import type {
  AttachmentUpload,
  ChatMessage,
  ConversationDetail,
  ConversationSearchHit,
  ConversationSummary,
  HostNotice,
  ModelConnectionCheck,
  RunEventBatch,
  RunInfo,
  SentMessage,
  Settings,
  TemporalStatus,
  TimelineEntry,
  WorkerInfo,
} from './models';
import {
  addAttachmentSchema,
  addWorkerSchema,
  answerApprovalSchema,
  conversationIdSchema,
  createConversationSchema,
  editMessageSchema,
  noRequestSchema,
  noticeIdSchema,
  readAttachmentSchema,
  regenerateSchema,
  renameConversationSchema,
  runIdSchema,
  saveSettingsSchema,
  searchConversationsSchema,
  sendMessageSchema,
  setConversationSettingsSchema,
  setWorkerTaskQueueSchema,
  showMessageVersionSchema,
  steerRunSchema,
  testModelConnectionSchema,
  workerIdSchema,
} from './request-schemas';
import { createScheduleSchema, type ScheduleInfo, scheduleIdSchema } from './schedule-models';
import { saveTemporalConnectionSchema, type TemporalConnectionSettings } from './temporal-connection-models';

/** An invoke channel: its request schema; the response type is carried by the type only. */
export interface InvokeChannel<Request extends z.ZodType, Response> {
  readonly request: Request;
  /** Type-level marker of the response; never set at runtime. */
  readonly response?: Response;
}

/** An event channel: the payload type is carried by the type only. */
export interface EventChannel<Payload> {
  readonly payload?: Payload;
}

function invoke<Response>() {
  return <Request extends z.ZodType>(request: Request): InvokeChannel<Request, Response> => ({ request });
}

function event<Payload>(): EventChannel<Payload> {
  return {};
}

export const invokeChannels = {
  listConversations: invoke<readonly ConversationSummary[]>()(noRequestSchema),
  createConversation: invoke<ConversationSummary>()(createConversationSchema),
  renameConversation: invoke<ConversationSummary>()(renameConversationSchema),
  /** Cancels the conversation's active run first. */
  deleteConversation: invoke<void>()(conversationIdSchema),
  searchConversations: invoke<readonly ConversationSearchHit[]>()(searchConversationsSchema),
  /** The branch on screen (live text of streaming messages), runs, timeline and pending approvals. */
  loadConversation: invoke<ConversationDetail>()(conversationIdSchema),
  /** Stores the user message and an empty streaming answer, starts the run; resolves once submitted. */
  sendMessage: invoke<SentMessage>()(sendMessageSchema),
  /** A part of a file to attach; the final part stores it and answers its reference (limits in words). */
  addAttachment: invoke<AttachmentUpload>()(addAttachmentSchema),
  /** A stored attachment's content as base64 (an image's thumbnail). */
  readAttachment: invoke<{ readonly base64: string }>()(readAttachmentSchema),
  /** Cancels the run; its partial text is kept and the message marked `interrupted`. */
  stopRun: invoke<void>()(runIdSchema),
  /** Another version of an answer: a new run of the same prompt beside the earlier ones, shown. */
  regenerate: invoke<SentMessage>()(regenerateSchema),
  /** A new version of a sent prompt: a branch from there, answered anew and shown. */
  editMessage: invoke<SentMessage>()(editMessageSchema),
  /** Shows the branch of one version of a message; returns the conversation as now shown. */
  showMessageVersion: invoke<ConversationDetail>()(showMessageVersionSchema),
  answerApproval: invoke<void>()(answerApprovalSchema),
  /**
   * The run inbox: every run not finished yet, across all conversations (streaming, waiting for an
   * approval, a worker, a retry), read from the durable runs, with their live views; oldest first.
   */
  listOpenRuns: invoke<readonly RunInfo[]>()(noRequestSchema),
  /** Sends a message into the running run ("Send now"); refused once the run is ending. */
  steerRun: invoke<void>()(steerRunSchema),
  listWorkers: invoke<readonly WorkerInfo[]>()(noRequestSchema),
  /** Adds a worker (task queue default: the settings' one) and starts it unless `start: false`. */
  addWorker: invoke<WorkerInfo>()(addWorkerSchema),
  startWorker: invoke<WorkerInfo>()(workerIdSchema),
  /** Graceful: SIGTERM, in-flight attempts handed back as retryable, SIGKILL after a grace period. */
  stopWorker: invoke<WorkerInfo>()(workerIdSchema),
  /** SIGKILL at once (a crash). */
  killWorker: invoke<WorkerInfo>()(workerIdSchema),
  restartWorker: invoke<WorkerInfo>()(workerIdSchema),
  removeWorker: invoke<void>()(workerIdSchema),
  /** Changes a worker's task queue; a running worker is restarted on the new queue. */
  setWorkerTaskQueue: invoke<WorkerInfo>()(setWorkerTaskQueueSchema),
  getTemporalStatus: invoke<TemporalStatus>()(noRequestSchema),
  /** Scenario 8: SIGKILL the embedded Temporal this app started (it comes back as after a crash). */
  killTemporal: invoke<TemporalStatus>()(noRequestSchema),
  /** Starts the embedded Temporal now if it is down, instead of at its next backoff. */
  startTemporal: invoke<TemporalStatus>()(noRequestSchema),
  getSettings: invoke<Settings>()(noRequestSchema),
  /** Temporal beyond the address (namespace, TLS, CA, server name, mTLS, API key); secrets write-only. */
  getTemporalConnection: invoke<TemporalConnectionSettings>()(noRequestSchema),
  saveTemporalConnection: invoke<TemporalConnectionSettings>()(saveTemporalConnectionSchema),
  /** The API key is write-only: the response (like every other) only says `hasApiKey`. */
  saveSettings: invoke<Settings>()(saveSettingsSchema),
  /** The models an endpoint lists (`GET /v1/models`): a profile's, else Settings'; the model picker. */
  listModels: invoke<readonly string[]>()(listModelsSchema),
  /** "Test connection": says in words what is wrong (unreachable, 401, model not found), or that all is well. */
  testModelConnection: invoke<ModelConnectionCheck>()(testModelConnectionSchema),
  /** The model profiles (endpoints besides the one of Settings); keys write-only. */
  listModelProfiles: invoke<readonly ModelProfile[]>()(noRequestSchema),
  /** Adds or changes a profile; running workers restart with it. */
  saveModelProfile: invoke<readonly ModelProfile[]>()(saveModelProfileSchema),
  removeModelProfile: invoke<readonly ModelProfile[]>()(modelProfileIdSchema),
  /** "Test connection" of a saved profile, in words (unreachable, 401, model not found). */
  testModelProfile: invoke<ModelConnectionCheck>()(modelProfileIdSchema),
  /** A conversation's own system prompt and model (null = the default of Settings), for its next runs. */
  setConversationSettings: invoke<ConversationSummary>()(setConversationSettingsSchema),
  /** What the host has to tell the user (the history moved aside, saving failing, the API key removed). */
  listHostNotices: invoke<readonly HostNotice[]>()(noRequestSchema),
  dismissHostNotice: invoke<void>()(noticeIdSchema),
  /** A conversation as Markdown or JSON (its runs' event logs read from Temporal, or from its import). */
  exportConversation: invoke<ExportFile>()(exportConversationSchema),
  /** The desktop app: the export, saved where its save dialog says (web mode downloads `exportConversation`). */
  saveConversationExport: invoke<SavedExport>()(exportConversationSchema),
  /** An export file's text → a new read-only conversation; a file that is not a whole export is refused. */
  importConversation: invoke<ConversationSummary>()(importConversationSchema),
  /** A finished run's recorded events, to play back (stored or imported runs). */
  loadRunReplay: invoke<RunReplay>()(runReplaySchema),
  /** The MCP servers of Settings; env and header values stay in the host (names only). */
  listMcpServers: invoke<readonly McpServerSetting[]>()(noRequestSchema),
  /** Adds or replaces (`previousName`) a server; running workers restart with it. */
  saveMcpServer: invoke<readonly McpServerSetting[]>()(saveMcpServerSchema),
  removeMcpServer: invoke<readonly McpServerSetting[]>()(mcpServerNameSchema),
  setMcpServerEnabled: invoke<readonly McpServerSetting[]>()(setMcpServerEnabledSchema),
  /** The agent's schedules with their next and last runs; also brings the runs they started into the history. */
  listSchedules: invoke<readonly ScheduleInfo[]>()(noRequestSchema),
  /** A prompt run every interval or on a cron expression, in a conversation (default: a new one). */
  createSchedule: invoke<ScheduleInfo>()(createScheduleSchema),
  /** No more firings until `resumeSchedule`. */
  pauseSchedule: invoke<void>()(scheduleIdSchema),
  resumeSchedule: invoke<void>()(scheduleIdSchema),
  /** Removes the schedule; the runs it started stay in their conversation. */
  deleteSchedule: invoke<void>()(scheduleIdSchema),
} as const;

export const eventChannels = {
  /**
   * New events of a run the host follows, in seq order (the deltas of a streaming answer): the renderer
   * folds them into the run's view with the library's reducer.
   */
  runEvents: event<RunEventBatch>(),
  /** A message was stored anew (created, or ended: status, final text, usage); carries the whole message. */
  messageUpdated: event<ChatMessage>(),
  /** A run's record changed (started, ended, following state, a lost attempt); carries its view. */
  runUpdated: event<RunInfo>(),
  timelineAppended: event<TimelineEntry>(),
  /** The whole roster, after every transition of any worker. */
  workersChanged: event<readonly WorkerInfo[]>(),
  temporalStatusChanged: event<TemporalStatus>(),
  /** The whole list (most recently updated first), after any change. */
  conversationsChanged: event<readonly ConversationSummary[]>(),
  settingsChanged: event<Settings>(),
  /** The whole list of host notices, after any change. */
  hostNoticesChanged: event<readonly HostNotice[]>(),
  /** The whole list of configured MCP servers, after any change (their status is in `workersChanged`). */
  mcpServersChanged: event<readonly McpServerSetting[]>(),
  temporalConnectionChanged: event<TemporalConnectionSettings>(),
  /** The whole list of model profiles, after any change. */
  modelProfilesChanged: event<readonly ModelProfile[]>(),
} as const;

export type InvokeContract = typeof invokeChannels;
export type EventContract = typeof eventChannels;
export type InvokeName = keyof InvokeContract;
export type EventName = keyof EventContract;

export type InvokeRequest<Name extends InvokeName> = z.input<InvokeContract[Name]['request']>;
/** The request after validation (defaults applied, strings trimmed). */
export type ValidInvokeRequest<Name extends InvokeName> = z.output<InvokeContract[Name]['request']>;
export type InvokeResponse<Name extends InvokeName> =
  InvokeContract[Name] extends InvokeChannel<z.ZodType, infer Response> ? Response : never;
export type EventPayload<Name extends EventName> =
  EventContract[Name] extends EventChannel<infer Payload> ? Payload : never;

export const invokeNames = Object.keys(invokeChannels) as InvokeName[];
export const eventNames = Object.keys(eventChannels) as EventName[];

export type Unsubscribe = () => void;

type InvokeVerb<Name extends InvokeName> = [InvokeRequest<Name>] extends [undefined]
  ? () => Promise<InvokeResponse<Name>>
  : undefined extends InvokeRequest<Name>
    ? (request?: InvokeRequest<Name>) => Promise<InvokeResponse<Name>>
    : (request: InvokeRequest<Name>) => Promise<InvokeResponse<Name>>;

/** `onRunEvent`, `onWorkersChanged`… */
export type EventVerbName<Name extends EventName> = `on${Capitalize<Name>}`;

/** What the renderer calls: `api.sendMessage({ text })`, `const off = api.onRunEvent(listener)`. */
export type DurableAgentApi = { readonly [Name in InvokeName]: InvokeVerb<Name> } & {
  readonly [Name in EventName as EventVerbName<Name>]: (
    listener: (payload: EventPayload<Name>) => void,
  ) => Unsubscribe;
};

/** The host side: one handler per invoke channel, given the validated request. */
export type InvokeHandlers = {
  readonly [Name in InvokeName]: [ValidInvokeRequest<Name>] extends [undefined]
    ? () => Promise<InvokeResponse<Name>>
    : (request: ValidInvokeRequest<Name>) => Promise<InvokeResponse<Name>>;
};

/** Wire names (Electron IPC channels, WebSocket frames). */
export const invokeWireName = (name: InvokeName): string => `durable-agent:invoke:${name}`;
export const eventWireName = (name: EventName): string => `durable-agent:event:${name}`;
export const eventVerbName = <Name extends EventName>(name: Name): EventVerbName<Name> =>
  `on${name[0]!.toUpperCase()}${name.slice(1)}` as EventVerbName<Name>;
