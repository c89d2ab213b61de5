import { environmentHelp } from './cli-config';
import { temporalFlagsHelp } from './temporal-flags';

/** `durable-agent mcp-server --help`. */
export function mcpServerHelp(): string {
  return `Usage: durable-agent mcp-server [options]

Offers the agent to MCP hosts (Claude Desktop, IDEs, other agents) as the tool ask_durable_agent
({ prompt, conversation? }). Each call is a durable run on \`durable-agent worker\` processes. A call
with a task (MCP Tasks) answers at once with the task; its id is the run's id, and tasks/get,
tasks/result and tasks/cancel read the run from Temporal — so a task outlives this server: restart it
and ask again. A plain call waits for the answer (or says when the run waits for an approval).

Transports:
  (default)                    stdio: the MCP host starts this command and talks on stdin/stdout
  --http                       Streamable HTTP at http://<host>:<port>/mcp (stateless: no session;
                               a client keeps its task ids across a restart of the server)

Options:
  --port <n>                   with --http: port to listen on (default 8788; 0 picks a free one)
  --host <address>             with --http: address to listen on (default 127.0.0.1); any other than
                               loopback needs a token
  --token <secret>             with --http: require "Authorization: Bearer <secret>"
                               [DURABLE_AGENT_TOKEN]
  --task-queue <name>          task queue of the workers (default $AGENT_TASK_QUEUE, else "agent")
  --mode <mode>                interactive (default): wait for a worker at submission and fail
                               clearly if none comes; autonomous: no check, the run waits in the queue
  --timeout <duration>         run deadline (30s, 5m, …; default 5m interactive, 60m autonomous)
  --heartbeat-timeout <dur>    how soon a killed worker is noticed and its work retried (default 10s)
  --approval-policy <policy>   tool-defined (default), require-all or auto (no approvals)
  --max-tokens <n>, --max-cost <usd>, --max-tool-calls <n>, --prices <file.json>
                               each run's budget
  -h, --help                   show this help

Conversations are kept in $DURABLE_AGENT_DATA_DIR/conversations.db, shared with
\`durable-agent agent --conversation <id>\` and \`serve\`. Logs go to stderr with stdio (stdout carries MCP), to stdout with --http.

${temporalFlagsHelp}

${environmentHelp()}
  DURABLE_AGENT_TOKEN      mcp-server --http: the bearer token clients must send (like --token)`;
}
