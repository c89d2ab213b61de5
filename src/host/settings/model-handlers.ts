import type { InvokeHandlers } from '../../shared/ipc-contract';
import { keyOriginOf } from './api-key-origin';
import { checkModelConnection, listEndpointModels, type ModelAccess } from './model-connection';
import type { ModelEndpoint } from './model-endpoint';
import type { SettingsStore } from './settings-store';

export type ModelChannel = 'listModels' | 'testModelConnection';

/**
 * The endpoint's models (the conversation's model picker) and "Test connection". The stored API key goes
 * only to the origin it was entered for: a draft base URL of another origin is tested without it.
 */
export function modelHandlers(
  settings: SettingsStore,
  model: ModelEndpoint,
): Pick<InvokeHandlers, ModelChannel> {
  const saved = (): ModelAccess => {
    const stored = settings.stored();
    return { baseUrl: model.baseUrl(stored), apiKey: settings.apiKey(), modelName: model.modelName(stored) };
  };
  return {
    listModels: async () => listEndpointModels(saved()),
    testModelConnection: async (draft) => {
      if (draft === undefined) return checkModelConnection(saved());
      const stored = settings.stored();
      const sameOrigin = keyOriginOf(draft.modelBaseUrl) === keyOriginOf(stored.modelBaseUrl);
      const draftSettings = { ...stored, modelBaseUrl: draft.modelBaseUrl, modelName: draft.modelName };
      await model.prepare(draftSettings);
      return checkModelConnection({
        baseUrl: model.baseUrl(draftSettings),
        apiKey: draft.apiKey ?? (sameOrigin ? settings.apiKey() : undefined),
        modelName: model.modelName(draftSettings),
      });
    },
  };
}
