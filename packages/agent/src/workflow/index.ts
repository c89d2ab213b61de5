/** The workflow bundle's entry: only deterministic workflow code is reachable from here. */
export { agentRun } from './agent-run';
export { scheduledRun } from './scheduled-run';
