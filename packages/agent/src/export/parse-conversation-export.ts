import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';
import {
  CONVERSATION_EXPORT_FORMAT,
  type ConversationExport,
  ConversationExportSchema,
  type ExportedRun,
} from './export-document';

/**
 * Reads an export file, refusing with a clear `invalid-input` error anything that is not a whole export of
 * ours: text that is not JSON (a cut-off file), JSON of another kind, a version we do not know, fields
 * missing, or a run whose event log is out of order or unfinished.
 */
export function parseConversationExport(text: string): ConversationExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = messageOf(error);
    throw new AgentError(
      'invalid-input',
      `the file is not valid JSON — it may be truncated or not an export (${reason})`,
    );
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof json !== 'object' || json === null || format !== CONVERSATION_EXPORT_FORMAT) {
    throw new AgentError(
      'invalid-input',
      `the file is not a durable-agent conversation export (expected "format": "${CONVERSATION_EXPORT_FORMAT}")`,
    );
  }
  const parsed = ConversationExportSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`);
    throw new AgentError('invalid-input', `the export file is incomplete or damaged: ${issues.join('; ')}`);
  }
  const document = parsed.data as ConversationExport;
  for (const run of document.runs) checkLog(run);
  return document;
}

/** A finished run's log runs 0, 1, 2… to a terminal event: anything else was cut or edited. */
function checkLog(run: ExportedRun): void {
  run.events.forEach((event, index) => {
    if (event.seq !== index)
      throw new AgentError(
        'invalid-input',
        `the export file is damaged: event ${index} of run ${run.runId} has seq ${event.seq}`,
      );
  });
  const last = run.events.at(-1);
  if (run.status !== 'running' && last?.type !== 'RUN_FINISHED' && last?.type !== 'RUN_ERROR') {
    throw new AgentError(
      'invalid-input',
      `the export file is incomplete: the event log of run ${run.runId} stops before the run ends`,
    );
  }
  for (const child of run.subAgents) checkLog(child);
}
