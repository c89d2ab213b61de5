import { useState } from 'react';
import type { McpServerSetting } from '../../../../shared/mcp-models';
import { useAppStore } from '../../store/app-store';
import { McpServerForm } from './mcp-server-form';
import { displayServer } from './mcp-server-status';
import '../../styles/mcp-settings.css';
import { RemoveButton } from '../common/remove-button';

/** Settings › Tools (MCP servers): the configured servers, how each is doing, its tools; add, edit, remove. */
export function McpServersSection() {
  const servers = useAppStore((state) => state.mcpServers);
  const [editing, setEditing] = useState<McpServerSetting | 'new' | undefined>(undefined);
  if (editing !== undefined) {
    return (
      <McpServerForm
        server={editing === 'new' ? undefined : editing}
        taken={servers.map((server) => server.name)}
        onDone={() => setEditing(undefined)}
      />
    );
  }
  return (
    <section className="card-panel" aria-label="Tools (MCP servers)">
      <p className="muted">
        Tools of Model Context Protocol servers, for every worker. A tool the server does not mark read-only
        asks for your approval (Settings › Approvals decides over that).
      </p>
      {servers.length === 0 ? (
        <p className="card-list-empty">No MCP server yet.</p>
      ) : (
        <ul className="card-list">
          {servers.map((server) => (
            <McpServerRow key={server.name} server={server} onEdit={() => setEditing(server)} />
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          Add server
        </button>
      </div>
    </section>
  );
}

function McpServerRow({
  server,
  onEdit,
}: {
  readonly server: McpServerSetting;
  readonly onEdit: () => void;
}) {
  const workers = useAppStore((state) => state.workers);
  const setEnabled = useAppStore((state) => state.setMcpServerEnabled);
  const remove = useAppStore((state) => state.removeMcpServer);
  const display = displayServer(server, workers);
  const target =
    server.transport === 'http' ? server.url : [server.command, ...(server.args ?? [])].join(' ');
  const tools = display.status?.state === 'ready' ? display.status.tools : [];
  return (
    <li
      className="card-list-item mcp-server"
      data-server={server.name}
      data-state={display.label.split(' ')[0]}
    >
      <div className="card-list-head">
        <strong>{server.name}</strong>
        <span className="mcp-transport">{server.transport === 'http' ? 'HTTP' : 'stdio'}</span>
        <span className={`state-pill ${display.pill}`}>{display.label}</span>
        <span className="mcp-server-actions">
          <label className="mcp-toggle">
            <input
              type="checkbox"
              checked={server.enabled}
              onChange={(event) => void setEnabled(server.name, event.target.checked)}
            />
            enabled
          </label>
          <button type="button" className="button button-small" onClick={onEdit}>
            Edit
          </button>
          <RemoveButton onClick={() => void remove(server.name)} />
        </span>
      </div>
      <code className="mcp-target">{target}</code>
      {display.detail && <p className="mcp-detail">{display.detail}</p>}
      {tools.length > 0 && (
        <details className="mcp-tools">
          <summary>{tools.length} tools</summary>
          <ul>
            {tools.map((tool) => (
              <li key={tool.name} title={tool.description}>
                <code>{tool.name}</code>
                {tool.requiresApproval && <span className="mcp-asks">asks first</span>}
                <span className="muted"> {tool.description}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
