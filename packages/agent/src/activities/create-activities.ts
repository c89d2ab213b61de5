import type { AgentActivities } from './activity-types';
import { createCallTool } from './call-tool';
import { createCompactMessages } from './compact-messages';
import type { ActivityDependencies } from './dependencies';
import { createInvokeModelStreaming } from './invoke-model-streaming';
import { createListTools } from './list-tools';

/** The worker's activities, closed over its real dependencies (tests pass their own). */
export function createActivities(dependencies: ActivityDependencies): AgentActivities {
  return {
    invokeModelStreaming: createInvokeModelStreaming(dependencies),
    callTool: createCallTool(dependencies),
    listTools: createListTools(dependencies),
    compactMessages: createCompactMessages(dependencies),
  };
}
