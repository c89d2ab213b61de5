import { useState } from 'react';
import type { McpServerSetting } from '../../../../shared/mcp-models';
import { useAppStore } from '../../store/app-store';
import { submitted } from '../common/submitted';
import { draftOf, type McpServerDraft, requestOf } from './mcp-server-draft';

/** Adds a server, or edits one (values of its variables and headers stay hidden and are kept). */
export function McpServerForm({
  server,
  taken,
  onDone,
}: {
  readonly server: McpServerSetting | undefined;
  readonly taken: readonly string[];
  readonly onDone: () => void;
}) {
  const save = useAppStore((state) => state.saveMcpServer);
  const [draft, setDraft] = useState<McpServerDraft>(() => draftOf(server));
  const [saving, setSaving] = useState(false);
  const change = (field: keyof McpServerDraft) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [field]: event.target.value }));
  /** A text field's value and change handler, spell checking off (names, commands, URLs). */
  const text = (field: keyof McpServerDraft) => ({
    value: draft[field],
    onChange: change(field),
    spellCheck: false,
  });
  const request = requestOf(draft, server);
  const clash = draft.name.trim() !== server?.name && taken.includes(draft.name.trim());
  const problem = clash
    ? `There is already a server named "${draft.name.trim()}".`
    : typeof request === 'string'
      ? request
      : undefined;

  return (
    <form
      className="settings-form mcp-server-form"
      aria-label={server ? `Edit MCP server ${server.name}` : 'Add an MCP server'}
      onSubmit={submitted(async () => {
        if (problem || typeof request === 'string') return;
        setSaving(true);
        const saved = await save(request);
        setSaving(false);
        if (saved) onDone();
      })}
    >
      <fieldset>
        <legend>{server ? `Edit ${server.name}` : 'New MCP server'}</legend>
        <div className="field-pair">
          <label>
            <span>Name</span>
            <input {...text('name')} placeholder="files" required />
            <small>The model sees its tools as name_tool.</small>
          </label>
          <label>
            <span>Type</span>
            <select value={draft.transport} onChange={change('transport')}>
              <option value="stdio">Command (stdio)</option>
              <option value="http">URL (Streamable HTTP)</option>
            </select>
          </label>
        </div>
        {draft.transport === 'stdio' ? (
          <>
            <label>
              <span>Command</span>
              <input {...text('command')} placeholder="npx" />
            </label>
            <label>
              <span>Arguments (one per line)</span>
              <textarea
                {...text('args')}
                rows={3}
                placeholder={'-y\n@modelcontextprotocol/server-filesystem\n/home/me/notes'}
              />
            </label>
            <label>
              <span>Working folder</span>
              <input {...text('cwd')} placeholder="optional" />
            </label>
            <label>
              <span>Environment (NAME=value per line)</span>
              <textarea {...text('env')} rows={2} />
              <small>Values stay in the app's data folder; saved ones show as ••••••••.</small>
            </label>
          </>
        ) : (
          <>
            <label>
              <span>URL</span>
              <input {...text('url')} placeholder="https://example.com/mcp" />
            </label>
            <label>
              <span>Headers (Name: value per line)</span>
              <textarea {...text('headers')} rows={2} placeholder="Authorization: Bearer …" />
            </label>
          </>
        )}
        <label>
          <span>Timeout of a tool call (seconds)</span>
          <input
            inputMode="numeric"
            value={draft.timeoutSeconds}
            onChange={change('timeoutSeconds')}
            placeholder="120"
          />
        </label>
      </fieldset>
      {problem && <p className="error-text">{problem}</p>}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving || problem !== undefined}>
          {saving ? 'Saving…' : 'Save server'}
        </button>
      </div>
    </form>
  );
}
