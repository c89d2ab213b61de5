import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AttachmentFolder } from 'durable-agent';
import { ApiError } from '../shared/api-error';
import type { SaveExportFile } from '../shared/export-models';
import type { InvokeHandlers, InvokeName } from '../shared/ipc-contract';
import { SETTINGS_PROFILE_ID } from '../shared/model-profile-models';
import { isInvokeName, validateRequest } from '../shared/validate-request';
import { AnswerRequests } from './chat/answer-requests';
import { attachmentHandlers } from './chat/attachment-handlers';
import { AttachmentUploads } from './chat/attachment-uploads';
import { lockDataFolder } from './data-folder-lock';
import { ConversationExporter } from './exports/conversation-exporter';
import { withExportHandlers } from './exports/export-handlers';
import type { HistoryStore } from './history/history-store';
import { movedAsideMessage, openHistory } from './history/open-history';
import { isWriteFailure } from './history/save-status';
import { HostEvents } from './host-events';
import { createHandlers } from './host-handlers';
import { HostNotices } from './host-notices';
import { AGENT_NAME, AgentClients } from './runs/agent-clients';
import { type ReconciliationReport, reconcile } from './runs/reconciliation';
import { RunCoordinator } from './runs/run-coordinator';
import { FiredRunImport } from './schedules/fired-run-import';
import { scheduleHandlers } from './schedules/schedule-handlers';
import { droppedKeyMessage } from './settings/api-key-origin';
import { mcpHandlers } from './settings/mcp-handlers';
import { McpSettingsStore } from './settings/mcp-settings-store';
import { ModelEndpoint } from './settings/model-endpoint';
import { modelHandlers } from './settings/model-handlers';
import { ModelProfiles } from './settings/model-profiles';
import { fileSecretStore, privateFileSecret, type SecretStore } from './settings/secret-store';
import { SettingsStore } from './settings/settings-store';
import { temporalConnectionHandlers } from './settings/temporal-connection-handlers';
import {
  fileTemporalConnectionSecrets,
  type TemporalConnectionSecrets,
  TemporalConnectionStore,
} from './settings/temporal-connection-store';
import { TemporalService, type TemporalTarget } from './temporal/temporal-service';
import type { WorkerLauncher } from './workers/worker-launcher';
import { WorkerSupervisor } from './workers/worker-supervisor';

export interface HostOptions {
  /** Where history.db, settings.json, secrets and the embedded Temporal's database live. */
  readonly dataDir: string;
  readonly launcher: WorkerLauncher;
  /** Default: the embedded dev server on 7233. A `temporalAddress` in the settings takes precedence. */
  readonly temporal?: TemporalTarget;
  /** Default: `<dataDir>/secrets.json`; the desktop shell passes a safeStorage one. */
  readonly secrets?: SecretStore;
  /** The model profiles' API keys; default: `<dataDir>/model-profile-keys.json`; the desktop shell: safeStorage. */
  readonly modelProfileSecrets?: SecretStore;
  /** The Temporal API key and mTLS client key; default: private files; the desktop shell: safeStorage. */
  readonly temporalSecrets?: TemporalConnectionSecrets;
  /** Workers started at launch; default 1. */
  readonly initialWorkers?: number;
  /** The offline demo model's tokens per second. */
  readonly demoModelPace?: number;
  /** The offline demo model's context window in tokens (default: no limit); longer inputs get its 400. */
  readonly demoModelContextWindow?: number;
  /** Graceful worker stop before SIGKILL; default 5 s. */
  readonly workerGraceMs?: number;
  /**
   * Each worker keeps a standby process, started and connected but not polling, that Start, Restart or a
   * crash promote at once (no 2–10 s start-up while a run waits); it costs one more process per worker.
   * The desktop app and web mode turn it on; default off.
   */
  readonly standbyWorkers?: boolean;
  /** Partial answers are saved at most this often; default 250 ms. */
  readonly persistIntervalMs?: number;
  /** Diagnostics (never receives the API key). */
  readonly log?: (line: string) => void;
  /** Who holds the data folder, as a second instance is told ("web mode", "the desktop app"). */
  readonly instanceName?: string;
  /** The desktop app's save dialog for exports (web mode downloads them instead). */
  readonly saveFile?: SaveExportFile;
  /** How often the runs schedules started are looked for and brought into the history; default 5 s. */
  readonly scheduleCheckIntervalMs?: number;
}

/** The app without a window: everything the contract's handlers need, in plain Node. */
export interface Host {
  readonly dataDir: string;
  readonly handlers: InvokeHandlers;
  readonly events: Pick<HostEvents, 'on' | 'onAny'>;
  /** Validates a request from outside (IPC, WebSocket) against the contract, then handles it. */
  invoke(name: unknown, payload: unknown): Promise<unknown>;
  /** Resolves once Temporal answered, the first workers were started and unfinished runs re-attached. */
  readonly started: Promise<ReconciliationReport>;
  /** Brings the runs schedules started into the history now (else every few seconds); resolves with how many. */
  importFiredRuns(): Promise<number>;
  /** Resolves when every run followed now is finalized (tests, scripted demos). */
  idle(): Promise<void>;
  /** Quit: stops following runs (they resume next launch), stops workers, Temporal (if ours), the demo model. */
  close(): Promise<void>;
}

/** One host per data folder: a second one is refused, naming the folder and the process that has it. */
export async function createHost(options: HostOptions): Promise<Host> {
  mkdirSync(options.dataDir, { recursive: true });
  const lock = lockDataFolder(
    options.dataDir,
    options.instanceName ?? `a Durable Agent host (${process.title})`,
  );
  try {
    const host = await createLockedHost(options);
    return { ...host, close: () => host.close().finally(() => lock.release()) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The history, its notices: a damaged file moved aside is said; writes failing (a full disk) are said. */
function openHistoryWithNotices(file: string, notices: HostNotices): HistoryStore {
  const { store, movedAside } = openHistory(file);
  if (movedAside) notices.show('history-moved-aside', 'warning', movedAsideMessage(file, movedAside));
  store.saving.onChange((state) => {
    if (state.kind === 'ok') notices.remove('history-saving');
    else
      notices.show(
        'history-saving',
        'error',
        `Saving to ${file} failed (${state.error}). Answers are kept in Temporal and saved here as soon as ` +
          'writing works again (free some disk space).',
      );
  });
  return store;
}

async function createLockedHost(options: HostOptions): Promise<Host> {
  const { dataDir } = options;
  const log = options.log ?? (() => undefined);
  const events = new HostEvents((error) => log(`an event listener failed: ${String(error)}`));
  const notices = new HostNotices(events, log);
  const store = openHistoryWithNotices(path.join(dataDir, 'history.db'), notices);
  const settings = SettingsStore.load(dataDir, options.secrets ?? fileSecretStore(dataDir), (from, to) =>
    notices.show('api-key-dropped', 'warning', droppedKeyMessage(from, to)),
  );
  const mcpSettings = McpSettingsStore.load(dataDir, (message) =>
    notices.show('mcp-settings-unreadable', 'warning', message),
  );
  const connection = TemporalConnectionStore.load(
    dataDir,
    options.temporalSecrets ?? fileTemporalConnectionSecrets(dataDir),
  );
  const model = new ModelEndpoint(options.demoModelPace, options.demoModelContextWindow);
  const profiles = new ModelProfiles(
    store.modelProfiles,
    options.modelProfileSecrets ?? privateFileSecret(path.join(dataDir, 'model-profile-keys.json')),
    model,
  );
  // Files attached to messages, content-addressed; workers read them from here when they call the model.
  const attachmentFolder = path.join(dataDir, 'attachments');
  const retired: TemporalService[] = [];
  const makeTemporal = () => {
    const address = settings.stored().temporalAddress;
    const { namespace, ...credentials } = connection.credentials();
    return new TemporalService({
      dataDir,
      target: address
        ? { kind: 'external', address, ...(namespace ? { namespace } : {}), credentials }
        : (options.temporal ?? { kind: 'embedded' }),
      onStatus: (status) => events.emit('temporalStatusChanged', status),
      onLog: (line) => log(`[temporal] ${line}`),
    });
  };
  let temporal = makeTemporal();
  /** The connection's TLS and API key, for the Temporal address of Settings only (not the embedded one). */
  const temporalCredentials = () => {
    if (settings.stored().temporalAddress === null) return {};
    const { tls, apiKey } = connection.credentials();
    return {
      ...(tls === undefined ? {} : { temporalTls: tls }),
      ...(apiKey === undefined ? {} : { temporalApiKey: apiKey }),
    };
  };
  const conversationsChanged = () => events.emit('conversationsChanged', store.conversations.summaries());

  let coordinator: RunCoordinator | undefined;
  const supervisor = new WorkerSupervisor({
    launcher: options.launcher,
    runtimeConfig: () => ({
      agentName: AGENT_NAME,
      temporalAddress: temporal.status().address,
      namespace: temporal.status().namespace,
      modelBaseUrl: model.baseUrl(settings.stored()),
      modelName: model.modelName(settings.stored()),
      attachmentFolder,
      apiKey: settings.apiKey(),
      mcpServers: mcpSettings.workerServers(),
      modelProfiles: profiles.forWorkers(),
      ...temporalCredentials(),
    }),
    defaultTaskQueue: () => settings.stored().taskQueue,
    graceMs: options.workerGraceMs,
    standbyWorkers: options.standbyWorkers,
    onChange: (workers) => events.emit('workersChanged', workers),
    onActivity: (worker, event) => coordinator?.onWorkerActivity(worker, event),
    onEnd: (worker, end) => coordinator?.onWorkerEnd(worker, end),
    onEvent: (event) => {
      try {
        store.workerEvents.append({ ...event, pid: event.pid ?? null, at: new Date().toISOString() });
        store.saving.succeeded();
      } catch (error) {
        if (!isWriteFailure(error)) throw error;
        store.saving.failed(error); // a worker's history line is not worth stopping supervision for
      }
    },
  });
  // Temporal is back: workers that ended while it was down start now rather than at their next backoff.
  events.on('temporalStatusChanged', (status) => status.state === 'ready' && supervisor.startWaiting());
  const agents = new AgentClients(async () => {
    const address = await temporal.ready;
    const { temporalTls: tls, temporalApiKey: apiKey } = temporalCredentials();
    const credentials = {
      ...(tls === undefined ? {} : { tls }),
      ...(apiKey === undefined ? {} : { apiKey }),
    };
    return {
      address,
      namespace: temporal.status().namespace,
      settings: settings.stored(),
      credentials,
      attachmentFolder,
    };
  }, store);
  coordinator = new RunCoordinator({
    store,
    events,
    agents,
    onConversationsChanged: conversationsChanged,
    log,
    persistIntervalMs: options.persistIntervalMs ?? 250,
    defaultSystemPrompt: () => settings.stored().systemPrompt,
    models: {
      profileModel: (profileId, modelName) =>
        profileId === SETTINGS_PROFILE_ID
          ? (modelName ?? model.modelName(settings.stored()))
          : profiles.runModel(profileId, modelName),
      settingsModel: () => model.modelName(settings.stored()),
    },
    workerNamed: (identity) => supervisor.list().find((worker) => worker.identity === identity),
  });
  const runs = coordinator;
  const firedRuns = new FiredRunImport({ store, events, agents, coordinator, conversationsChanged });
  const checkFiredRuns = setInterval(() => {
    if (temporal.status().state !== 'ready') return;
    firedRuns.check().catch((error: unknown) => log(`scheduled runs not read: ${String(error)}`));
  }, options.scheduleCheckIntervalMs ?? 5_000);
  checkFiredRuns.unref();

  const started = (async () => {
    await model.prepare(settings.stored());
    await profiles.prepare();
    await temporal.ready;
    for (let index = 0; index < (options.initialWorkers ?? 1); index++) supervisor.add();
    const report = reconcile(store, events, runs);
    if (report.resumed + report.orphaned > 0) conversationsChanged();
    return report;
  })();
  started.catch((error: unknown) => log(`start-up incomplete: ${String(error)}`));

  const exporter = new ConversationExporter(store, agents, dataDir);
  const handlers = withExportHandlers(
    {
      ...temporalConnectionHandlers(connection, async (current) => {
        events.emit('temporalConnectionChanged', current);
        if (settings.stored().temporalAddress === null) return; // the embedded Temporal needs none of it
        retired.push(temporal);
        temporal = makeTemporal();
        events.emit('temporalStatusChanged', temporal.status());
        agents.invalidate();
        void runs.refollow();
        await supervisor.restartRunning();
      }),
      ...modelHandlers(settings, model, profiles, async (list) => {
        events.emit('modelProfilesChanged', list);
        await supervisor.restartRunning();
      }),
      ...attachmentHandlers(new AttachmentUploads(new AttachmentFolder(attachmentFolder))),
      ...mcpHandlers(mcpSettings, async (servers) => {
        events.emit('mcpServersChanged', servers);
        await supervisor.restartRunning();
      }),
      ...scheduleHandlers({
        store,
        agents,
        firedRuns,
        conversationsChanged,
        temporalStatus: () => temporal.status(),
      }),
      ...createHandlers({
        store,
        events,
        settings,
        supervisor,
        coordinator,
        answers: new AnswerRequests(store, coordinator, conversationsChanged),
        agents,
        notices,
        model,
        temporal: () => temporal,
        switchTemporal: () => {
          retired.push(temporal);
          temporal = makeTemporal();
          events.emit('temporalStatusChanged', temporal.status());
        },
        conversationsChanged,
      }),
    },
    exporter,
    store,
    conversationsChanged,
    options.saveFile,
  );

  let closing: Promise<void> | undefined;
  return {
    dataDir,
    handlers,
    events,
    started,
    async invoke(name, payload) {
      if (!isInvokeName(name)) throw new ApiError('unknown-channel', `no channel "${String(name)}"`);
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      return handler(validateRequest(name as InvokeName, payload));
    },
    importFiredRuns: () => firedRuns.check(),
    idle: () => runs.idle(),
    close() {
      closing ??= (async () => {
        clearInterval(checkFiredRuns);
        firedRuns.stop();
        await started.catch(() => undefined);
        await runs.close();
        await supervisor.close();
        await agents.close();
        await Promise.all([temporal, ...retired].map((service) => service.close().catch(() => undefined)));
        await model.close();
        store.close();
      })();
      return closing;
    },
  };
}
