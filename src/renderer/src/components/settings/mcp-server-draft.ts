import {
  KEEP_STORED_VALUE,
  type McpServerSetting,
  type SaveMcpServerRequest,
} from '../../../../shared/mcp-models';

/** The MCP server form's fields, as typed. */
export interface McpServerDraft {
  readonly name: string;
  readonly transport: 'stdio' | 'http';
  readonly command: string;
  /** One argument per line. */
  readonly args: string;
  readonly cwd: string;
  /** `NAME=value` per line; a stored value shows (and is kept) as `NAME=••••••••`. */
  readonly env: string;
  readonly url: string;
  /** `Name: value` per line, stored values as for `env`. */
  readonly headers: string;
  readonly timeoutSeconds: string;
}

export function draftOf(server: McpServerSetting | undefined): McpServerDraft {
  return {
    name: server?.name ?? '',
    transport: server?.transport ?? 'stdio',
    command: server?.command ?? '',
    args: (server?.args ?? []).join('\n'),
    cwd: server?.cwd ?? '',
    env: (server?.envNames ?? []).map((name) => `${name}=${KEEP_STORED_VALUE}`).join('\n'),
    url: server?.url ?? '',
    headers: (server?.headerNames ?? []).map((name) => `${name}: ${KEEP_STORED_VALUE}`).join('\n'),
    timeoutSeconds: server?.timeoutSeconds === undefined ? '' : String(server.timeoutSeconds),
  };
}

/** The request to save, or what is wrong with the draft (the host checks the rest). */
export function requestOf(
  draft: McpServerDraft,
  previous: McpServerSetting | undefined,
): SaveMcpServerRequest | string {
  const timeout = draft.timeoutSeconds.trim();
  if (timeout !== '' && !(Number(timeout) > 0)) return 'The timeout is a number of seconds (more than 0).';
  const common = {
    ...(previous ? { previousName: previous.name } : {}),
    name: draft.name.trim(),
    enabled: previous?.enabled ?? true,
    ...(timeout === '' ? {} : { timeoutSeconds: Number(timeout) }),
  };
  if (draft.transport === 'http') {
    const headers = pairs(draft.headers, ':');
    if (typeof headers === 'string') return headers;
    return { ...common, transport: 'http', url: draft.url.trim(), headers };
  }
  const env = pairs(draft.env, '=');
  if (typeof env === 'string') return env;
  const args = draft.args.split('\n').filter((line) => line.trim() !== '');
  return {
    ...common,
    transport: 'stdio',
    command: draft.command.trim(),
    args,
    cwd: draft.cwd.trim() || undefined,
    env,
  };
}

function pairs(text: string, separator: '=' | ':'): Record<string, string> | string {
  const entries: [string, string][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const at = line.indexOf(separator);
    if (at <= 0) return `"${line.trim()}" is not ${separator === '=' ? 'NAME=value' : 'Name: value'}.`;
    entries.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return Object.fromEntries(entries);
}
