import { Agent, asControlEvent } from 'durable-agent/client';
import { AGENT_NAME, TASK_QUEUE } from './worker.js';

/** The client side: starts runs on the worker's task queue and follows them. */
export function createAgent({ address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' } = {}) {
  return Agent.create({ name: AGENT_NAME, taskQueue: TASK_QUEUE, temporal: { address } });
}

/**
 * Sends one prompt, prints the answer as it streams, and asks `decide(toolName, argumentsJson)` about
 * every tool call that needs an approval. Resolves with the run's result.
 */
export async function ask(agent, prompt, decide, print = (text) => process.stdout.write(text)) {
  const run = await agent.stream(prompt);
  for await (const event of run.events()) {
    if (event.type === 'TEXT_MESSAGE_CONTENT') print(event.delta);
    const control = asControlEvent(event);
    if (control?.name === 'approval-request') {
      const { toolCallId, toolName, arguments: args } = control.value;
      await run.approve(toolCallId, { approved: await decide(toolName, args) });
    }
  }
  print('\n');
  const { result } = await agent.settle(run); // to Temporal's final word (and into a conversations store, if any)
  return result;
}
