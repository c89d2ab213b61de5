import path from 'node:path';
import type { HistoryStore } from '../history/history-store';
import type { HostNotices } from '../host-notices';
import type { HostOptions } from '../host-options';
import { droppedKeyMessage } from './api-key-origin';
import { McpSettingsStore } from './mcp-settings-store';
import { ModelEndpoint } from './model-endpoint';
import { ModelProfiles } from './model-profiles';
import { fileSecretStore, privateFileSecret } from './secret-store';
import { SettingsStore } from './settings-store';
import { fileTemporalConnectionSecrets, TemporalConnectionStore } from './temporal-connection-store';

/** What Settings hold: the app's settings, the MCP servers, the Temporal connection, the models. */
export interface HostSettings {
  readonly settings: SettingsStore;
  readonly mcpSettings: McpSettingsStore;
  readonly connection: TemporalConnectionStore;
  /** The model of Settings (or the offline demo model the host runs). */
  readonly model: ModelEndpoint;
  readonly profiles: ModelProfiles;
}

/**
 * Loads the settings of the data folder, each with its secrets (files by default, safeStorage in the
 * desktop app); an API key dropped for another origin or an unreadable MCP list is said in a notice.
 */
export function loadHostSettings(
  options: HostOptions,
  store: HistoryStore,
  notices: HostNotices,
): HostSettings {
  const { dataDir } = options;
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
  return { settings, mcpSettings, connection, model, profiles };
}
