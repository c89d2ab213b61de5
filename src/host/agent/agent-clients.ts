import { hostname, userInfo } from 'node:os';
import { Agent, AgentCache, type BudgetOptions, type TemporalOptions } from 'durable-agent';
import type { BudgetSettings } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import type { StoredSettings } from '../settings/settings-store';
import { limitsOf } from './conversation-choices';

/** The agent name of the app's runs and workers (workflow ids read `assistant/<conversation>/<run>`). */
export const AGENT_NAME = 'assistant';

export interface AgentConfig {
  readonly address: string;
  readonly namespace: string;
  readonly settings: StoredSettings;
  /** TLS and API key of an external Temporal (Settings → Temporal connection). */
  readonly credentials?: Pick<TemporalOptions, 'tls' | 'apiKey'>;
  /** Where files attached to messages are stored (the workers read them from the same folder). */
  readonly attachmentFolder?: string;
}

/**
 * The app's `Agent` clients: the one for the current settings (`current()`), re-made after a settings change
 * (`invalidate()`); older agents stay open until `close()`, so runs started with them keep streaming.
 */
export class AgentClients extends AgentCache {
  constructor(config: () => Promise<AgentConfig>, store: HistoryStore) {
    super(async () => createAgent(await config(), store));
  }
}

function createAgent(config: AgentConfig, store: HistoryStore): Promise<Agent> {
  const { address, namespace, settings, credentials, attachmentFolder } = config;
  return Agent.create({
    name: AGENT_NAME,
    taskQueue: settings.taskQueue,
    temporal: { address, namespace, ...credentials },
    mode: settings.mode,
    ...(attachmentFolder ? { attachmentFolder } : {}),
    ...(settings.timeoutMs !== null ? { timeout: settings.timeoutMs } : {}),
    approvalPolicy: settings.approvalPolicy,
    ...budgetOptionsOf(settings.budget),
    // The user's price table over the built-in one: cost budgets and meters.
    ...(Object.keys(settings.prices).length > 0 ? { prices: settings.prices } : {}),
    // Who answers approvals and steers runs from this app, in each decision's record.
    identity: `durable-agent app ${userInfo().username}@${hostname()}`,
    // The model sees the whole conversation: each finished run's prompt and messages, from history.db,
    // where the run's journal (`HistoryJournal.finish`) stores them, exactly once.
    conversations: { load: async (conversationId) => store.runs.transcript(conversationId) },
  });
}

/** The agent's budget options from the app's budget settings (none when no limit is set). */
function budgetOptionsOf(budget: BudgetSettings): { budget?: BudgetOptions } {
  const limits = limitsOf(budget);
  return limits ? { budget: { ...limits, onBudget: budget.onLimit } } : {};
}
