import { Context } from '@temporalio/activity';
import type { ScheduleActivities } from '../common/scheduled-runs';
import { readConversationFromRuns } from './conversation-runs';

/** The activity of a schedule's firing: reads its conversation from Temporal with the worker's client. */
export function createScheduleActivities(): ScheduleActivities {
  return {
    readConversation: ({ agentName, conversationId }) =>
      readConversationFromRuns(Context.current().client, agentName, conversationId),
  };
}
