import { randomUUID } from 'node:crypto';
import type { AgentSchedule, ConversationRun } from 'durable-agent';
import type { AgentClients } from '../agent/agent-clients';
import { titleFrom } from '../chat/answer-requests';
import type { HistoryStore } from '../history/history-store';
import type { HostEvents } from '../host-events';
import type { RunCoordinator } from '../runs/run-coordinator';

export interface FiredRunImportDependencies {
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly agents: AgentClients;
  readonly coordinator: RunCoordinator;
  readonly conversationsChanged: () => void;
}

/**
 * Brings the runs the agent's schedules started into the history: each firing becomes a turn of its
 * conversation (the prompt, then the answer, followed live until Temporal's final word), stored once — the
 * run's id is the history's key, so looking again (or from another window) adds nothing.
 */
export class FiredRunImport {
  private checking: Promise<number> | undefined;
  private polling: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(private readonly dependencies: FiredRunImportDependencies) {}

  /** Looks for runs not in the history yet; resolves with how many it added (one look at a time). */
  check(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.checking ??= this.importNew().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /** Looks every `intervalMs` while `ready()` (Temporal answers), until `stop`; a failed look is logged. */
  poll(intervalMs: number, ready: () => boolean, log: (line: string) => void): void {
    this.polling = setInterval(() => {
      if (!ready()) return;
      this.check().catch((error: unknown) => log(`scheduled runs not read: ${String(error)}`));
    }, intervalMs);
    this.polling.unref();
  }

  /** No more looks; a look in flight stores nothing more (the host closes the history next). */
  stop(): void {
    clearInterval(this.polling);
    this.stopped = true;
  }

  private async importNew(): Promise<number> {
    const schedules = (await this.dependencies.agents.current()).schedules();
    let added = 0;
    for (const schedule of await schedules.list()) {
      const runs = await schedules.firedRuns(schedule.conversationId, schedule.agentName);
      if (this.stopped) break;
      const fresh = runs.filter((run) => !this.dependencies.store.runs.get(run.runId));
      if (fresh.length === 0) continue;
      this.ensureConversation(schedule);
      for (const run of fresh) this.add(schedule, run);
      added += fresh.length;
    }
    if (added > 0) this.dependencies.conversationsChanged();
    return added;
  }

  /** A schedule made elsewhere (the CLI) may name a conversation the app has not seen: it gets one. */
  private ensureConversation(schedule: AgentSchedule): void {
    const { store } = this.dependencies;
    if (store.conversations.summary(schedule.conversationId)) return;
    store.conversations.insert(schedule.conversationId, titleFrom(schedule.prompt), new Date().toISOString());
  }

  /** The firing as a turn after the branch on screen, its run recorded, then followed. */
  private add(schedule: AgentSchedule, run: ConversationRun): void {
    const { store, events, coordinator } = this.dependencies;
    const { conversationId } = schedule;
    const at = run.startedAt.toISOString();
    const record = store.transaction(() => {
      const user = store.messages.insert({
        id: randomUUID(),
        conversationId,
        parentId: store.conversations.leaf(conversationId) ?? null,
        role: 'user',
        text: schedule.prompt,
        status: 'complete',
        at,
      });
      const assistant = store.messages.insert({
        id: randomUUID(),
        conversationId,
        parentId: user.id,
        role: 'assistant',
        text: '',
        status: 'streaming',
        at,
      });
      store.conversations.touch(conversationId, at);
      store.conversations.showBranch(conversationId, assistant.id);
      const inserted = store.runs.insert({
        id: run.runId,
        workflowId: run.id,
        conversationId,
        userMessageId: user.id,
        assistantMessageId: assistant.id,
        at,
      });
      store.messages.setRun(user.id, run.runId);
      store.messages.setRun(assistant.id, run.runId);
      return inserted;
    });
    for (const id of [record.userMessageId, record.assistantMessageId]) {
      const message = store.messages.get(id);
      if (message) events.emit('messageUpdated', message);
    }
    coordinator.resume(record);
  }
}
