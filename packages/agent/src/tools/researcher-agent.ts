import { defineAgentTool } from './define-agent-tool';

/** A built-in example sub-agent (the CLI worker and the app's workers have it): the assistant delegates research to it ("research <topic>"). */
export const researcherAgent = defineAgentTool({
  name: 'researcher',
  description:
    'A research assistant. Give it a topic or a question as `task`; it answers with a few short facts.',
  instructions: 'You are a researcher. Answer the task with three short, factual points.',
});
