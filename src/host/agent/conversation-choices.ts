import type { BudgetOptions } from 'durable-agent';
import type { ConversationBudget } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';

/** How a conversation's model profile becomes the model its runs name. */
export interface RunModels {
  /** The model a run names for `model` (default: the profile's) of a profile; undefined: no such profile. */
  readonly profileModel: (profileId: string, model?: string) => string | undefined;
  /** The model of Settings (what a conversation without a profile or model of its own gets). */
  readonly settingsModel: () => string;
}

/** What a run's configuration snapshot takes from its conversation. */
export interface ConversationChoices {
  readonly instructions?: string;
  readonly model?: string;
  readonly models?: readonly string[];
  readonly budget?: BudgetOptions;
}

/**
 * What the conversation's runs carry in their configuration snapshot: its system prompt (else the default
 * of Settings; '' = none), its model — of its model profile (`@<profile>/<model>`), else of the endpoint of
 * Settings — and, with a fallback profile, `models: [its model, the fallback profile's default model]`;
 * with a budget of its own, its limits over all its runs with what the finished ones spent.
 */
export function conversationChoices(
  store: HistoryStore,
  conversationId: string,
  defaultSystemPrompt: string,
  models?: RunModels,
): ConversationChoices {
  const conversation = store.conversations.summary(conversationId);
  const instructions = conversation?.systemPrompt ?? defaultSystemPrompt;
  const own = conversation?.model;
  const primary =
    (conversation?.modelProfileId && models?.profileModel(conversation.modelProfileId, own)) || own;
  const fallback = conversation?.fallbackProfileId && models?.profileModel(conversation.fallbackProfileId);
  const limits = conversation?.budget && limitsOf(conversation.budget);
  return {
    ...(instructions.trim() === '' ? {} : { instructions }),
    ...(limits
      ? { budget: { conversation: limits, spentBefore: store.runs.conversationSpend(conversationId) } }
      : {}),
    ...(fallback && models
      ? { models: [primary ?? models.settingsModel(), fallback] }
      : primary
        ? { model: primary }
        : {}),
  };
}

/** The library's limits of a budget of Settings or of a conversation; undefined when it sets none. */
export function limitsOf(budget: ConversationBudget) {
  const limits = {
    ...(budget.maxTokens !== null ? { maxTokens: budget.maxTokens } : {}),
    ...(budget.maxCostUsd !== null ? { maxCostUsd: budget.maxCostUsd } : {}),
    ...(budget.maxToolCalls !== null ? { maxToolCalls: budget.maxToolCalls } : {}),
  };
  return Object.keys(limits).length > 0 ? limits : undefined;
}
