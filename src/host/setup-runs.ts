import { SETTINGS_PROFILE_ID } from '../shared/model-profile-models';
import type { WorkerInfo } from '../shared/models';
import { AgentClients } from './agent/agent-clients';
import type { HostCore } from './host-core';
import { RunCoordinator } from './runs/run-coordinator';
import type { HostTemporal } from './temporal/host-temporal';

export interface RunParts extends HostCore {
  readonly temporal: HostTemporal;
  readonly persistIntervalMs: number;
  /** The app's worker polling Temporal with this identity, if one is. */
  readonly workerNamed: (identity: string) => WorkerInfo | undefined;
}

/**
 * The runs: Agent clients on the Temporal of the moment (its address, namespace and credentials, the
 * settings' agent options), and the coordinator that submits answers' runs and follows them; a
 * conversation's model profile becomes its runs' model.
 */
export function setupRuns(parts: RunParts): { agents: AgentClients; runs: RunCoordinator } {
  const { store, events, settings, model, profiles, temporal } = parts;
  const agents = new AgentClients(async () => {
    const address = await temporal.current.ready;
    return {
      address,
      namespace: temporal.current.status().namespace,
      settings: settings.stored(),
      credentials: temporal.credentials(),
      attachmentFolder: parts.attachmentFolder,
    };
  }, store);
  const runs = new RunCoordinator({
    store,
    events,
    agents,
    onConversationsChanged: parts.conversationsChanged,
    log: parts.log,
    persistIntervalMs: parts.persistIntervalMs,
    defaultSystemPrompt: () => settings.stored().systemPrompt,
    models: {
      profileModel: (profileId, modelName) =>
        profileId === SETTINGS_PROFILE_ID
          ? (modelName ?? model.modelName(settings.stored()))
          : profiles.runModel(profileId, modelName),
      settingsModel: () => model.modelName(settings.stored()),
    },
    workerNamed: parts.workerNamed,
  });
  return { agents, runs };
}
