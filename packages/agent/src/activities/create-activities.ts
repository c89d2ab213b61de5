import type { AgentActivities } from '../common/activity-types';
import { createCallTool } from './call-tool';
import { createCompactMessages } from './compact-messages';
import type { ActivityDependencies } from './dependencies';
import { createInvokeModelStreaming } from './invoke-model-streaming';
import { createListTools } from './list-tools';
import { reportedActivity } from './reported-activity';
import { createReserveLiveText } from './reserve-live-text';

/** The worker's activities, closed over its real dependencies (tests pass their own). */
export function createActivities(dependencies: ActivityDependencies): AgentActivities {
  return {
    invokeModelStreaming: createInvokeModelStreaming(dependencies),
    callTool: reportedActivity('callTool', dependencies, createCallTool(dependencies)),
    listTools: reportedActivity('listTools', dependencies, createListTools(dependencies)),
    compactMessages: reportedActivity('compactMessages', dependencies, createCompactMessages(dependencies)),
    reserveLiveText: createReserveLiveText(dependencies),
  };
}
