import type { McpServerSetting, SaveMcpServerRequest } from '../../../shared/mcp-models';
import { api } from '../api';
import type { SliceCreator } from './app-state';

/**
 * The MCP servers of Settings ("Tools (MCP servers)"). How each one is doing comes with the workers
 * (`WorkerInfo.mcpServers`): a server runs inside every worker process.
 */
export interface McpSlice {
  readonly mcpServers: readonly McpServerSetting[];
  loadMcpServers(): Promise<void>;
  /** Resolves true once saved (the host validates; an error becomes a notice). */
  saveMcpServer(request: SaveMcpServerRequest): Promise<boolean>;
  removeMcpServer(name: string): Promise<void>;
  setMcpServerEnabled(name: string, enabled: boolean): Promise<void>;
  applyMcpServers(servers: readonly McpServerSetting[]): void;
}

export const createMcpSlice: SliceCreator<McpSlice> = (set, get) => ({
  mcpServers: [],

  async loadMcpServers() {
    await get().attempt('Loading the MCP servers', async () =>
      set({ mcpServers: await api().listMcpServers() }),
    );
  },

  async saveMcpServer(request) {
    return get().attempt(`Saving the MCP server "${request.name}"`, async () =>
      set({ mcpServers: await api().saveMcpServer(request) }),
    );
  },

  async removeMcpServer(name) {
    await get().attempt(`Removing the MCP server "${name}"`, async () =>
      set({ mcpServers: await api().removeMcpServer({ name }) }),
    );
  },

  async setMcpServerEnabled(name, enabled) {
    const verb = enabled ? 'Enabling' : 'Disabling';
    await get().attempt(`${verb} the MCP server "${name}"`, async () =>
      set({ mcpServers: await api().setMcpServerEnabled({ name, enabled }) }),
    );
  },

  applyMcpServers(mcpServers) {
    set({ mcpServers });
  },
});
