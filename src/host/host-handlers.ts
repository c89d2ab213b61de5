import { AttachmentFolder } from 'durable-agent';
import type { SaveExportFile } from '../shared/export-models';
import type { InvokeHandlers } from '../shared/ipc-contract';
import { answerHandlers } from './chat/answer-handlers';
import { attachmentHandlers } from './chat/attachment-handlers';
import { AttachmentUploads } from './chat/attachment-uploads';
import { conversationHandlers } from './chat/conversation-handlers';
import { ConversationExporter } from './exports/conversation-exporter';
import { withExportHandlers } from './exports/export-handlers';
import type { HostParts } from './host-parts';
import { noticeHandlers } from './notice-handlers';
import { scheduleHandlers } from './schedules/schedule-handlers';
import { mcpHandlers } from './settings/mcp-handlers';
import { modelHandlers } from './settings/model-handlers';
import { settingsHandlers } from './settings/settings-handlers';
import { temporalConnectionHandlers } from './settings/temporal-connection-handlers';
import { temporalHandlers } from './temporal/temporal-handlers';
import { workerHandlers } from './workers/worker-handlers';

/**
 * The contract's invoke handlers (requests arrive validated), one group per area of the app over the
 * host's parts. What changes how workers run (model profiles, MCP servers) restarts the running ones; what
 * changes the Temporal (its address, its connection) switches to it in one place, `HostTemporal.switch`.
 */
export function createHandlers(parts: HostParts, saveFile: SaveExportFile | undefined): InvokeHandlers {
  const { store, events, settings, supervisor, temporal, agents, conversationsChanged } = parts;
  const temporalStatus = () => temporal.current.status();
  const switchTemporal = () => temporal.switch({ agents, runs: parts.runs, supervisor });
  return withExportHandlers(
    {
      ...conversationHandlers(parts),
      ...answerHandlers({ ...parts, temporalStatus }),
      ...attachmentHandlers(new AttachmentUploads(new AttachmentFolder(parts.attachmentFolder))),
      ...scheduleHandlers({ ...parts, temporalStatus }),
      ...workerHandlers(supervisor),
      ...temporalHandlers(temporal),
      ...noticeHandlers(parts.notices),
      ...settingsHandlers({ ...parts, switchTemporal }),
      ...temporalConnectionHandlers(parts.connection, async (current) => {
        events.emit('temporalConnectionChanged', current);
        // The embedded Temporal needs none of it.
        if (settings.stored().temporalAddress !== null) await switchTemporal();
      }),
      ...modelHandlers(settings, parts.model, parts.profiles, async (list) => {
        events.emit('modelProfilesChanged', list);
        await supervisor.restartRunning();
      }),
      ...mcpHandlers(parts.mcpSettings, async (servers) => {
        events.emit('mcpServersChanged', servers);
        await supervisor.restartRunning();
      }),
    },
    new ConversationExporter(store, agents, parts.dataDir),
    store,
    conversationsChanged,
    saveFile,
  );
}
