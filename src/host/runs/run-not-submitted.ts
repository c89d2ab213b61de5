import { AgentError, type AgentRunResult } from 'durable-agent';
import type { RunRecord } from '../history/run-table';

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The result recorded for a run that never reached Temporal: failed, with why. */
export function notSubmitted(record: RunRecord, error: unknown): AgentRunResult {
  return {
    status: 'failed',
    text: '',
    messages: [],
    usage: record.usage,
    usageByAttempt: [],
    attempts: 0,
    rounds: 0,
    error: {
      code: error instanceof AgentError ? error.code : 'not-submitted',
      message: errorMessage(error),
    },
  };
}
