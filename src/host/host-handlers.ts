import { randomUUID } from 'node:crypto';
import { ApiError } from '../shared/api-error';
import type { InvokeHandlers } from '../shared/ipc-contract';
import type { AnswerRequests } from './chat/answer-requests';
import type { AttachmentChannel } from './chat/attachment-handlers';
import type { ExportChannel } from './exports/export-handlers';
import type { HistoryStore } from './history/history-store';
import { toRunInfo } from './history/run-table';
import type { HostEvents } from './host-events';
import type { HostNotices } from './host-notices';
import type { AgentClients } from './runs/agent-clients';
import type { RunCoordinator } from './runs/run-coordinator';
import type { ScheduleChannel } from './schedules/schedule-handlers';
import type { McpChannel } from './settings/mcp-handlers';
import type { ModelEndpoint } from './settings/model-endpoint';
import type { ModelChannel } from './settings/model-handlers';
import type { SettingsKey, SettingsStore } from './settings/settings-store';
import type { TemporalConnectionChannel } from './settings/temporal-connection-handlers';
import { whileTemporalUp } from './temporal/temporal-guard';
import type { TemporalService } from './temporal/temporal-service';
import type { WorkerSupervisor } from './workers/worker-supervisor';

export interface HandlerContext {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly settings: SettingsStore;
  readonly supervisor: WorkerSupervisor;
  readonly coordinator: RunCoordinator;
  readonly answers: AnswerRequests;
  readonly agents: AgentClients;
  readonly notices: HostNotices;
  readonly model: ModelEndpoint;
  readonly temporal: () => TemporalService;
  /** Switches to the Temporal the settings now name (embedded or external). */
  readonly switchTemporal: () => void;
  readonly conversationsChanged: () => void;
}

const agentKeys: readonly SettingsKey[] = [
  'mode',
  'timeoutMs',
  'taskQueue',
  'approvalPolicy',
  'budget',
  'prices',
  'temporalAddress',
];
const workerKeys: readonly SettingsKey[] = ['modelBaseUrl', 'modelName', 'apiKey', 'temporalAddress'];

/** The contract's invoke handlers over the host's parts (requests arrive validated). */
export function createHandlers(
  context: HandlerContext,
): Omit<
  InvokeHandlers,
  ExportChannel | McpChannel | ModelChannel | TemporalConnectionChannel | AttachmentChannel | ScheduleChannel
> {
  const { store, settings, supervisor, coordinator } = context;
  const summary = (conversationId: string) => {
    const found = store.conversations.summary(conversationId);
    if (!found) throw new ApiError('not-found', `no conversation "${conversationId}"`);
    return found;
  };
  /** The branch on screen, with the live text of streaming answers. */
  const detail = (conversationId: string) => {
    const leaf = store.conversations.leaf(conversationId);
    return {
      conversation: summary(conversationId),
      messages: (leaf ? store.messages.branch(leaf) : []).map((message) => coordinator.liveMessage(message)),
      runs: store.runs.byConversation(conversationId).map((run) => coordinator.liveRun(toRunInfo(run))),
      timeline: store.timeline.byConversation(conversationId),
    };
  };
  const temporalStatus = () => context.temporal().status();
  const needsTemporal = <Request, Result>(handler: (request: Request) => Promise<Result>) =>
    whileTemporalUp(temporalStatus, handler);
  return {
    listConversations: async () => store.conversations.summaries(),
    createConversation: async (request) => {
      const id = randomUUID();
      store.conversations.insert(id, request?.title ?? 'New conversation', new Date().toISOString());
      context.conversationsChanged();
      return summary(id);
    },
    renameConversation: async ({ conversationId, title }) => {
      if (!store.conversations.rename(conversationId, title, new Date().toISOString()))
        summary(conversationId);
      context.conversationsChanged();
      return summary(conversationId);
    },
    deleteConversation: async ({ conversationId }) => {
      summary(conversationId);
      await coordinator.forgetConversation(conversationId);
      store.conversations.delete(conversationId);
      context.conversationsChanged();
    },
    searchConversations: async ({ query }) => store.conversations.search(query),
    setConversationSettings: async ({ conversationId, ...conversationSettings }) => {
      if (!store.conversations.setSettings(conversationId, conversationSettings)) summary(conversationId);
      context.conversationsChanged();
      return summary(conversationId);
    },
    loadConversation: async ({ conversationId }) => detail(conversationId),
    sendMessage: needsTemporal((request) => context.answers.send(request)),
    stopRun: needsTemporal(({ runId }) => coordinator.stop(runId)),
    regenerate: needsTemporal(({ messageId }) => context.answers.regenerate(messageId)),
    editMessage: needsTemporal(({ messageId, text }) => context.answers.edit(messageId, text)),
    showMessageVersion: async ({ messageId }) => {
      context.answers.showVersion(messageId);
      return detail(store.messages.get(messageId)!.conversationId);
    },
    answerApproval: needsTemporal(({ runId, toolCallId, approved, reason, alwaysAllow }) =>
      coordinator.answerApproval(runId, toolCallId, { approved, reason, alwaysAllow }),
    ),
    steerRun: needsTemporal(({ runId, text }) => coordinator.steer(runId, text)),
    listOpenRuns: async () => store.runs.unfinished().map((record) => coordinator.liveRun(toRunInfo(record))),
    listWorkers: async () => supervisor.list(),
    addWorker: async (request) => supervisor.add(request ?? {}),
    startWorker: async ({ workerId }) => supervisor.start(workerId),
    stopWorker: ({ workerId }) => supervisor.stop(workerId),
    killWorker: ({ workerId }) => supervisor.kill(workerId),
    restartWorker: ({ workerId }) => supervisor.restart(workerId),
    removeWorker: ({ workerId }) => supervisor.remove(workerId),
    setWorkerTaskQueue: ({ workerId, taskQueue }) => supervisor.setTaskQueue(workerId, taskQueue),
    getTemporalStatus: async () => context.temporal().status(),
    killTemporal: async () => {
      if (context.temporal().killEmbedded() === undefined)
        throw new ApiError(
          'conflict',
          'there is no embedded Temporal started by this app to kill (an external or reused server is left alone)',
        );
      return context.temporal().status();
    },
    startTemporal: async () => {
      context.temporal().startEmbeddedNow();
      return context.temporal().status();
    },
    getSettings: async () => settings.get(),
    listHostNotices: async () => context.notices.list(),
    dismissHostNotice: async ({ noticeId }) => context.notices.remove(noticeId),
    saveSettings: async (request) => {
      const before = settings.stored();
      const changed = settings.save(request);
      if (changed.size === 0) return settings.get();
      const after = settings.stored();
      if (changed.has('temporalAddress')) context.switchTemporal();
      if (agentKeys.some((key) => changed.has(key))) context.agents.invalidate();
      // Runs of the Temporal now chosen finish; runs of the one left wait for it, shown as such.
      if (changed.has('temporalAddress')) void coordinator.refollow();
      await context.model.prepare(after);
      if (changed.has('taskQueue')) await supervisor.moveQueue(before.taskQueue, after.taskQueue);
      if (workerKeys.some((key) => changed.has(key))) await supervisor.restartRunning();
      const current = settings.get();
      context.events.emit('settingsChanged', current);
      return current;
    },
  };
}
