import { agentModelFlagsHelp } from './agent-model-flags';
import { budgetFlagsHelp } from './budget-flags';
import { environmentHelp } from './cli-config';
import { temporalFlagsHelp } from './temporal-flags';

/** `durable-agent agent --help`. */
export function agentHelp(): string {
  return `Usage: durable-agent agent [options] [prompt]

Chats with the agent in a REPL (terminal 2). Each prompt is a run on Temporal, executed by
\`durable-agent worker\` processes polling the same task queue; its events stream back here.
A prompt given on the command line is sent first. Type exit, quit or bye (or end the input) to stop.
Ctrl+C during a run stops that run; at the prompt it quits. A line typed while an answer streams is
sent into the run (a steer): the model reads it at its next round.

Options:
  --task-queue <name>          task queue of the workers (default $AGENT_TASK_QUEUE, else "agent")
  --mode <mode>                interactive (default): wait for a worker at submission and fail
                               clearly if none comes; autonomous: no check, the run waits in the queue
  --timeout <duration>         run deadline, also how long to wait for a worker (30s, 5m, …;
                               default 5m interactive, 60m autonomous)
  --conversation <id>          continue a stored conversation (its history goes to the model, and a
                               run an earlier session left unfinished is re-attached); default: a new one
  --heartbeat-timeout <dur>    how soon a killed worker is noticed and its work retried (default 10s)
  --approval-policy <policy>   which tool calls wait for "approve? (y/n)": tool-defined (default: the
                               tools that ask for it), require-all (every call) or auto (none)
${agentModelFlagsHelp}
  -h, --help                   show this help

${budgetFlagsHelp}

Conversations are kept in $DURABLE_AGENT_DATA_DIR/conversations.db.

${temporalFlagsHelp}

${environmentHelp()}`;
}
