import { defineAgentTool } from '../tools/define-agent-tool';

/** The CLI worker's built-in sub-agent: the assistant delegates research to it ("research <topic>"). */
export const researcherAgent = defineAgentTool({
  name: 'researcher',
  description:
    'A research assistant. Give it a topic or a question as `task`; it answers with a few short facts.',
  instructions: 'You are a researcher. Answer the task with three short, factual points.',
});
