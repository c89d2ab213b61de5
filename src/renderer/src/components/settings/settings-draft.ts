import type { AgentMode } from 'durable-agent';
import type { ApprovalPolicySetting, Settings } from '../../../../shared/models';
import type { SaveSettingsRequest } from '../../../../shared/request-schemas';
import { type BudgetDraft, budgetDraft, budgetOf } from './budget-draft';

/** The settings form's fields, as typed. */
export interface SettingsDraft {
  readonly modelBaseUrl: string;
  readonly modelName: string;
  readonly systemPrompt: string;
  readonly mode: string;
  readonly timeoutSeconds: string;
  readonly taskQueue: string;
  readonly approvalPolicy: string;
  readonly temporalAddress: string;
  readonly budget: BudgetDraft;
}

export function settingsDraft(settings: Settings): SettingsDraft {
  return {
    modelBaseUrl: settings.modelBaseUrl,
    modelName: settings.modelName,
    systemPrompt: settings.systemPrompt,
    mode: settings.mode,
    timeoutSeconds: settings.timeoutMs === null ? '' : String(settings.timeoutMs / 1000),
    taskQueue: settings.taskQueue,
    approvalPolicy: settings.approvalPolicy,
    temporalAddress: settings.temporalAddress ?? '',
    budget: budgetDraft(settings.budget),
  };
}

/** Only what changed (the host validates the rest); `invalid` when the timeout is not a number. */
export function settingsChanges(settings: Settings, draft: SettingsDraft): SaveSettingsRequest | 'invalid' {
  const changes: { -readonly [Key in keyof SaveSettingsRequest]: SaveSettingsRequest[Key] } = {};
  const baseUrl = draft.modelBaseUrl.trim();
  if (baseUrl !== settings.modelBaseUrl) changes.modelBaseUrl = baseUrl;
  if (baseUrl !== '' && draft.modelName.trim() !== settings.modelName)
    changes.modelName = draft.modelName.trim();
  if (draft.systemPrompt !== settings.systemPrompt) changes.systemPrompt = draft.systemPrompt;
  if (draft.mode !== settings.mode) changes.mode = draft.mode as AgentMode;
  const seconds = draft.timeoutSeconds.trim();
  const timeoutMs = seconds === '' ? null : Math.round(Number(seconds) * 1000);
  if (timeoutMs !== null && !(Number.isFinite(timeoutMs) && timeoutMs >= 1000)) return 'invalid';
  if (timeoutMs !== settings.timeoutMs) changes.timeoutMs = timeoutMs;
  if (draft.taskQueue.trim() !== settings.taskQueue) changes.taskQueue = draft.taskQueue.trim();
  if (draft.approvalPolicy !== settings.approvalPolicy)
    changes.approvalPolicy = draft.approvalPolicy as ApprovalPolicySetting;
  const address = draft.temporalAddress.trim() || null;
  if (address !== settings.temporalAddress) changes.temporalAddress = address;
  const budget = budgetOf(draft.budget);
  if (budget === 'invalid') return 'invalid';
  if (JSON.stringify(budget) !== JSON.stringify(settings.budget)) changes.budget = budget;
  return changes;
}
