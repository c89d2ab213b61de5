import type { Agent } from '../client/agent';
import type { AgentRun } from '../client/agent-run';
import { AgentError } from '../common/errors';
import type { ApprovalDecision } from '../common/types';
import type { LineReader } from './line-reader';
import type { PendingRuns } from './pending-runs';
import { type ApprovalRequest, renderRun } from './render-run';
import type { StreamPrinter } from './stream-printer';

const EXIT_WORDS = new Set(['exit', 'quit', 'bye']);

export interface ReplSessionOptions {
  readonly agent: Agent;
  readonly conversationId: string;
  readonly reader: LineReader;
  readonly printer: StreamPrinter;
  readonly pendingRuns: PendingRuns;
}

/**
 * The REPL of `durable-agent agent`: one conversation, one prompt at a time, each shown between
 * `--- stream start ---` and `--- stream end ---`.
 */
export class ReplSession {
  private currentRun: AgentRun | undefined;
  private interruptedRun: AgentRun | undefined;
  private stopping = false;

  constructor(private readonly options: ReplSessionOptions) {}

  /** Re-attaches to runs an earlier session of this conversation left unfinished, and records them. */
  async resumePendingRuns(): Promise<void> {
    const { agent, conversationId, pendingRuns, printer } = this.options;
    for (const pending of pendingRuns.list(conversationId)) {
      printer.line(`[resume] a run of this conversation was left by an earlier session: ${pending.prompt}`);
      let run: AgentRun;
      try {
        run = await agent.attach(pending.id);
      } catch (error) {
        if (error instanceof AgentError && error.code === 'run-not-found') {
          printer.line('[resume] Temporal no longer knows that run; skipped');
          pendingRuns.remove(pending.id);
          continue;
        }
        throw error;
      }
      printer.line('--- stream start ---');
      await this.show(run);
    }
  }

  /** Reads prompts until `exit`/`quit`/`bye`, end of input or Ctrl+C; `initialPrompt` goes first. */
  async loop(initialPrompt: string | undefined): Promise<void> {
    const { reader, printer } = this.options;
    if (initialPrompt !== undefined) {
      printer.line(`you> ${initialPrompt}`);
      await this.submit(initialPrompt);
    }
    while (!this.stopping) {
      printer.endLine();
      const line = await reader.question('you> ');
      printer.promptAnswered();
      if (line === undefined || this.stopping) break;
      const prompt = line.trim();
      if (prompt === '') continue;
      if (EXIT_WORDS.has(prompt.toLowerCase())) break;
      await this.submit(prompt);
    }
    printer.line('Goodbye!');
  }

  /**
   * Ctrl+C: during a run, stops it (the first time) and returns true; at the prompt, ends the session.
   * Returns false when the caller should exit at once (a second Ctrl+C during a run).
   */
  interrupt(): boolean {
    const run = this.currentRun;
    if (run === undefined) {
      this.stopping = true;
      this.options.reader.close();
      return true;
    }
    if (this.interruptedRun === run) return false;
    this.interruptedRun = run;
    this.options.printer.line('[interrupt] stopping the run… (Ctrl+C again to quit at once)');
    run.cancel().catch((error: unknown) => {
      this.options.printer.line(`[error] could not stop the run: ${String(error)}`);
    });
    return true;
  }

  private async submit(prompt: string): Promise<void> {
    const { agent, conversationId, pendingRuns, printer } = this.options;
    printer.line('--- stream start ---');
    let run: AgentRun;
    try {
      run = await agent.stream(prompt, { conversationId });
    } catch (error) {
      printer.line(`[error] ${error instanceof Error ? error.message : String(error)}`);
      printer.line('--- stream end ---');
      return;
    }
    pendingRuns.add({ id: run.id, conversationId, prompt, startedAt: new Date().toISOString() });
    await this.show(run);
  }

  private async show(run: AgentRun): Promise<void> {
    const { pendingRuns, printer } = this.options;
    this.currentRun = run;
    try {
      const rendering = await renderRun(run, {
        printer,
        askApproval: (request) => this.askApproval(request),
      });
      if (rendering.kind !== 'lost') pendingRuns.remove(run.id);
    } finally {
      this.currentRun = undefined;
    }
    printer.line('--- stream end ---');
  }

  private async askApproval(request: ApprovalRequest): Promise<ApprovalDecision | undefined> {
    const { reader, printer } = this.options;
    for (;;) {
      printer.endLine();
      const answer = await reader.question('approve? (y/n)> ');
      printer.promptAnswered();
      if (answer === undefined) return undefined;
      const normalized = answer.trim().toLowerCase();
      if (['y', 'yes'].includes(normalized)) return { approved: true };
      if (['n', 'no'].includes(normalized)) {
        return { approved: false, reason: `the user rejected the ${request.toolName} call at the terminal` };
      }
      printer.line('Please answer y or n.');
    }
  }
}
