import { environmentHelp } from './cli-config';
import { temporalFlagsHelp } from './temporal-flags';

/** `durable-agent serve --help`. */
export function serveHelp(): string {
  return `Usage: durable-agent serve [options]

Serves the agent over AG-UI: POST /agent takes a RunAgentInput and streams the run as AG-UI events
(text/event-stream; protobuf when Accept asks for application/vnd.ag-ui.event+proto), for CopilotKit,
@ag-ui/client's HttpAgent or any AG-UI client. Runs execute on \`durable-agent worker\` processes: a
dropped connection or a killed worker loses nothing — POST the same runId again (or send
Last-Event-ID) to re-attach. POST /agent/runs/<runId>/cancel stops a run.

Serves A2A 1.0 too: JSON-RPC at POST /a2a (SendMessage, SendStreamingMessage, GetTask, CancelTask,
SubscribeToTask; 0.3's message/send, message/stream, tasks/get, tasks/cancel, tasks/resubscribe), the
agent card at GET /.well-known/agent-card.json. A task is a run: it outlives this server and its workers;
a task waiting for an approval is input-required and the next message on it ("approve"/"deny") answers it.

Options:
  --port <n>                   port to listen on (default 8787; 0 picks a free one)
  --host <address>             address to listen on (default 127.0.0.1); any other than loopback
                               needs a token
  --token <secret>             require "Authorization: Bearer <secret>" [DURABLE_AGENT_TOKEN];
                               without one, programs on this machine can use the server, web pages
                               of other sites cannot (JSON bodies, Host and Origin are checked)
  --cors-origin <origins>      origins browsers may call from: *, one origin, or a comma-separated
                               list (default: none)
  --task-queue <name>          task queue of the workers (default $AGENT_TASK_QUEUE, else "agent")
  --mode <mode>                interactive (default): wait for a worker at submission and fail
                               clearly if none comes; autonomous: no check, the run waits in the queue
  --timeout <duration>         run deadline, also how long to wait for a worker (30s, 5m, …;
                               default 5m interactive, 60m autonomous)
  --heartbeat-timeout <dur>    how soon a killed worker is noticed and its work retried (default 10s)
  --approval-policy <policy>   which tool calls end the AG-UI run with an interrupt to answer:
                               tool-defined (default), require-all or auto (none)
  --max-tokens <n>, --max-cost <usd>, --max-tool-calls <n>
                               each run's budget: at a limit the run finishes as budget-exhausted
  --on-budget <stop|ask>       ask: the AG-UI run ends with an interrupt (reason "budget") that the
                               resume input answers, like an approval
  --prices <file.json>         the price table for --max-cost
  -h, --help                   show this help

Threads (conversations) are kept in $DURABLE_AGENT_DATA_DIR/conversations.db, shared with
\`durable-agent agent --conversation <threadId>\`.

${temporalFlagsHelp}

${environmentHelp()}
  DURABLE_AGENT_TOKEN      serve: the bearer token clients must send (like --token)`;
}
