import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { McpServerSetting } from '../../shared/mcp-models';
import type { McpSettingsStore } from './mcp-settings-store';

export type McpChannel = 'listMcpServers' | 'saveMcpServer' | 'removeMcpServer' | 'setMcpServerEnabled';

/**
 * The Settings section "Tools (MCP servers)". After a change the list is announced and the running
 * workers restart with the new servers (a run in flight continues on a restarted worker): a worker's
 * servers, like its model, are fixed while it runs.
 */
export function mcpHandlers(
  store: McpSettingsStore,
  changed: (servers: readonly McpServerSetting[]) => Promise<void>,
): Pick<InvokeHandlers, McpChannel> {
  const after = async (servers: McpServerSetting[]) => {
    await changed(servers);
    return servers;
  };
  return {
    listMcpServers: async () => store.list(),
    saveMcpServer: async (request) => after(store.save(request)),
    removeMcpServer: async ({ name }) => after(store.remove(name)),
    setMcpServerEnabled: async ({ name, enabled }) => after(store.setEnabled(name, enabled)),
  };
}
