import { type AttachmentReference, formatBytes } from '../common/attachment-reference';
import { type AgentEvent, asControlEvent } from '../common/events';
import { describeModelCalls } from '../common/run-usage';
import type { ConversationMessage } from '../common/types';
import { reduceRunEvents } from '../runs/apply-run-event';
import { describeCompaction } from '../runs/compaction-line';
import type { ConversationExport, ExportedRun } from './export-document';

/**
 * A conversation as readable Markdown: each turn's prompt and final answer (the text of the attempt that
 * counted, once — replaced attempts are history, summarised in the run's line), the tools it used, its
 * sub-agents' answers as quoted blocks, and a line per run with its status, attempts, tokens and workers.
 */
export function conversationMarkdown(document: ConversationExport): string {
  const lines = [`# ${document.conversation.title || 'Conversation'}`, ''];
  lines.push(`Exported ${document.exportedAt} · conversation \`${document.conversation.id}\``, '');
  for (const turn of turnsOf(document.messages, document.runs)) {
    lines.push('## You', '', turn.prompt, '');
    if (turn.attachments.length > 0)
      lines.push(
        `Attached: ${turn.attachments.map((file) => `${file.name} (${formatBytes(file.size)})`).join(', ')}`,
        '',
      );
    for (const reply of turn.replies) lines.push(...messageLines(reply));
    if (turn.run) lines.push(...runSection(turn.run));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function messageLines(message: ConversationMessage): string[] {
  if (message.role === 'tool') {
    return [`> **${message.toolName}** returned: ${oneLine(message.content)}`, ''];
  }
  // A message a person sent into the run while it ran (a steer).
  if (message.role === 'user') return ['## You (sent while it ran)', '', message.content, ''];
  const calls = (message.toolCalls ?? []).map(
    (call) => `- called \`${call.name}\` ${oneLine(call.arguments)}`,
  );
  const text = message.content.trim();
  return [...(text ? ['## Assistant', '', text, ''] : []), ...(calls.length ? [...calls, ''] : [])];
}

function runSection(run: ExportedRun): string[] {
  const children = run.subAgents.flatMap((child) => [
    `> **Sub-agent ${child.agentName ?? child.runId}** (\`${child.workflowId}\`, ${summary(child)})`,
    '>',
    ...finalText(child)
      .split('\n')
      .map((line) => `> ${line}`),
    '',
  ]);
  const decisions = approvalRecords(run);
  const compactions = compactionRecords(run);
  return [
    `*Run \`${run.runId}\`: ${summary(run)}*`,
    '',
    ...(compactions.length ? [...compactions, ''] : []),
    ...(decisions.length ? [...decisions, ''] : []),
    ...children,
  ];
}

/** A line per compaction: the model read a summary of earlier turns in their place (the transcript keeps them). */
function compactionRecords(run: ExportedRun): string[] {
  return run.events
    .map(asControlEvent)
    .flatMap((control) =>
      control?.name === 'context-compacted' ? [`- ${oneLine(describeCompaction(control.value))}`] : [],
    );
}

/** A line per approval decision: what was asked (and why), the answer, who decided and when. */
function approvalRecords(run: ExportedRun): string[] {
  const requests = new Map<string, { toolName: string; reason?: string }>();
  const lines: string[] = [];
  for (const control of run.events.map(asControlEvent)) {
    if (control?.name === 'approval-request') requests.set(control.value.toolCallId, control.value);
    if (control?.name !== 'approval-resolved') continue;
    const { toolCallId, approved, decidedBy, decider, decidedAt, alwaysAllow } = control.value;
    const request = requests.get(toolCallId);
    const answer = approved ? (alwaysAllow ? 'always allowed in this conversation' : 'approved') : 'rejected';
    const who = decidedBy === 'user' ? ` by ${decider ?? 'a person'}` : ` (${decidedBy})`;
    const why = request?.reason ? ` (asked because: ${oneLine(request.reason)})` : '';
    lines.push(
      `- approval of \`${request?.toolName ?? toolCallId}\`${why}: ${answer}${who}${decidedAt ? ` at ${decidedAt}` : ''}`,
    );
  }
  return lines;
}

function summary(run: ExportedRun): string {
  const workers = [...new Set(run.workers.map((each) => each.worker))].filter((each) => each !== 'unknown');
  const parts = [
    run.status,
    describeModelCalls(run.modelCalls ?? run.rounds, run.retries ?? Math.max(0, run.attempts - run.rounds)),
    `${run.usage.totalTokens} tokens`,
  ];
  if (workers.length > 0) parts.push(`workers: ${workers.join(', ')}`);
  return parts.join(' · ');
}

/** The run's answer: RUN_FINISHED says it, unless it is long (then only the run's text events hold it). */
function finalText(run: ExportedRun): string {
  const assistant = run.events.filter((event) => event.type === 'RUN_FINISHED').at(-1) as
    | { result?: { text?: string } }
    | undefined;
  const text = assistant?.result?.text ?? '';
  if (text !== '') return text;
  return reduceRunEvents(run.events as readonly AgentEvent[]).messages.at(-1)?.text ?? '';
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

interface Turn {
  readonly prompt: string;
  readonly attachments: readonly AttachmentReference[];
  readonly replies: ConversationMessage[];
  readonly run: ExportedRun | undefined;
}

/**
 * The messages cut at each prompt: a turn is a run's prompt and the replies that follow it. A user message
 * the run received as a steer is one of its replies, not the next run's prompt.
 */
function turnsOf(messages: readonly ConversationMessage[], runs: readonly ExportedRun[]): Turn[] {
  const turns: Turn[] = [];
  let steers: string[] = [];
  for (const message of messages) {
    const current = turns.at(-1);
    const steer = message.role === 'user' && current ? steers.indexOf(message.content) : -1;
    if (message.role !== 'user' || steer >= 0) {
      if (steer >= 0) steers.splice(steer, 1);
      current?.replies.push(message);
      continue;
    }
    const run = runs[turns.length];
    turns.push({ prompt: message.content, attachments: message.attachments ?? [], replies: [], run });
    steers = run ? steerTexts(run) : [];
  }
  return turns;
}

/** The texts of the steers a run received, in order. */
function steerTexts(run: ExportedRun): string[] {
  return run.events.flatMap((event) => {
    const control = asControlEvent(event);
    return control?.name === 'steer-received' ? [control.value.text] : [];
  });
}
