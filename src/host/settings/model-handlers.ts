import type { InvokeHandlers } from '../../shared/ipc-contract';
import { keyOriginOf } from './api-key-origin';
import { checkModelConnection, listEndpointModels, type ModelAccess } from './model-connection';
import type { ModelEndpoint } from './model-endpoint';
import type { ModelProfiles } from './model-profiles';
import type { SettingsStore } from './settings-store';

export type ModelChannel =
  | 'listModels'
  | 'testModelConnection'
  | 'listModelProfiles'
  | 'saveModelProfile'
  | 'removeModelProfile'
  | 'testModelProfile';

/**
 * The endpoints' models (the conversation's model picker), "Test connection", and the model profiles. A
 * stored API key goes only to the origin it was entered for: a draft base URL of another origin is tested
 * without it. `profilesChanged` is told the list after every change (the workers restart with it).
 */
export function modelHandlers(
  settings: SettingsStore,
  model: ModelEndpoint,
  profiles: ModelProfiles,
  profilesChanged: (list: ReturnType<ModelProfiles['list']>) => Promise<void>,
): Pick<InvokeHandlers, ModelChannel> {
  const saved = (): ModelAccess => {
    const stored = settings.stored();
    return { baseUrl: model.baseUrl(stored), apiKey: settings.apiKey(), modelName: model.modelName(stored) };
  };
  return {
    listModels: async (request) =>
      listEndpointModels(request?.profileId ? await profiles.access(request.profileId) : saved()),
    listModelProfiles: async () => profiles.list(),
    saveModelProfile: async (request) => {
      const list = profiles.save(request);
      await profiles.prepare();
      await profilesChanged(list);
      return list;
    },
    removeModelProfile: async ({ profileId }) => {
      const list = profiles.remove(profileId);
      await profilesChanged(list);
      return list;
    },
    testModelProfile: async ({ profileId }) => checkModelConnection(await profiles.access(profileId)),
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
