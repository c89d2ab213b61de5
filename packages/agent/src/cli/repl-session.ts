import type { Agent } from '../client/agent';
import type { StreamOptions } from '../client/agent-options';
import type { BudgetLimits } from '../common/budget';
import type { PendingApproval } from '../common/types';
import type { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
import { type FollowedRun, type FollowOptions, undefinedWhenStopped } from '../runs/followed-run';
import type { RunEnding } from '../runs/run-journal';
import type { RunView } from '../runs/run-view';
import type { AllowedToolsFile } from './allowed-tools-file';
import { askApproval } from './ask-approval';
import type { ConversationSpendFile } from './conversation-spend-file';
import type { LineReader } from './line-reader';
import type { RunJournalFile } from './run-journal-file';
import { RunRenderer } from './run-renderer';
import type { StreamPrinter } from './stream-printer';

const EXIT_WORDS = new Set(['exit', 'quit', 'bye']);

export interface ReplSessionOptions {
  readonly agent: Agent;
  readonly conversationId: string;
  readonly reader: LineReader;
  readonly printer: StreamPrinter;
  readonly journal: RunJournalFile;
  /**
   * The CLI's conversations, for a conversation named by `--conversation` (a new one has no schedules): the
   * runs its schedules started are stored there before each prompt.
   */
  readonly conversations?: SqliteConversationStore;
  /** The tools each conversation always allows (the approval prompt's `a`). */
  readonly allowedTools: AllowedToolsFile;
  /** What each conversation spent, run by run; with `conversationLimits`, each run's conversation budget. */
  readonly spend: ConversationSpendFile;
  readonly conversationLimits?: BudgetLimits;
  /** What every run of the session asks for besides its prompt (structured output). */
  readonly runOptions?: Pick<StreamOptions, 'output'>;
}

/**
 * The REPL of `durable-agent agent`: one conversation, one prompt at a time, each shown between
 * `--- stream start ---` and `--- stream end ---`. Runs are submitted into the journal file and followed
 * by the library until Temporal's final word, through lost connections and Temporal restarts.
 */
export class ReplSession {
  private currentRun: FollowedRun | undefined;
  private interruptedRun: FollowedRun | undefined;
  private stopping = false;
  /** A run of this session ended as budget-exhausted (the command then exits non-zero). */
  budgetExhausted = false;

  constructor(private readonly options: ReplSessionOptions) {}

  /** Follows again the runs an earlier session of this conversation left unfinished, from their last view. */
  async resumeUnfinishedRuns(): Promise<void> {
    const { agent, conversationId, journal, printer } = this.options;
    for (const run of journal.unfinished(conversationId)) {
      printer.line(`[resume] a run of this conversation was left by an earlier session: ${run.entry.prompt}`);
      printer.line('--- stream start ---');
      await this.show((follow) => agent.follow(run.entry, this.recordingJournal(), follow), run.view);
    }
  }

  /**
   * Stores the finished runs this conversation's schedules started (fired while no session looked, or
   * during this one), so the next prompt is asked in the conversation as it is; says how many it added.
   */
  async storeScheduledRuns(): Promise<void> {
    const { agent, conversationId, conversations, printer } = this.options;
    if (!conversations) return;
    const known = new Set(conversations.runs(conversationId).map((run) => run.runId));
    const added = await agent.schedules().storeFiredRuns(conversationId, (runId) => known.has(runId));
    if (added.length > 0)
      printer.line(`[schedule] ${added.length} scheduled run(s) of this conversation added to it`);
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

  /** Runs one prompt (no REPL) and returns how it ended; undefined when it was left running (detached). */
  async runOnce(prompt: string): Promise<RunEnding | undefined> {
    this.options.printer.line(`you> ${prompt}`);
    return this.submit(prompt);
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
      this.options.printer.line(`[interrupt] could not stop the run: ${messageOf(error)}`);
    });
    return true;
  }

  /** Saves the progress of the run being shown (the process is about to end; the run goes on). */
  async detach(): Promise<void> {
    await this.currentRun?.stop();
  }

  private async submit(prompt: string): Promise<RunEnding | undefined> {
    const { agent, conversationId, allowedTools, spend, conversationLimits, printer, runOptions } =
      this.options;
    await this.storeScheduledRuns().catch((error: unknown) => {
      printer.line(`[warning] the conversation's scheduled runs could not be read: ${messageOf(error)}`);
    });
    printer.line('--- stream start ---');
    const alwaysAllowedTools = allowedTools.allowed(conversationId);
    return this.show((follow) =>
      agent.submit(prompt, {
        ...runOptions,
        conversationId,
        journal: this.recordingJournal(),
        follow,
        ...(alwaysAllowedTools.length > 0 ? { alwaysAllowedTools } : {}),
        ...(conversationLimits
          ? { budget: { conversation: conversationLimits, spentBefore: spend.spent(conversationId) } }
          : {}),
      }),
    );
  }

  /** The journal, with each ending's always-allowed tools and spend written before it hears of it. */
  private recordingJournal() {
    const { journal, allowedTools, spend } = this.options;
    return allowedTools.recording(spend.recording(journal));
  }

  /** Follows a run and renders its view until its ending; `from` is a view saved by an earlier session. */
  private async show(
    start: (follow: FollowOptions) => FollowedRun | Promise<FollowedRun>,
    from?: RunView,
  ): Promise<RunEnding | undefined> {
    const { printer } = this.options;
    let ending: RunEnding | undefined;
    let followed: FollowedRun | undefined;
    let answering = Promise.resolve();
    const renderer = new RunRenderer({
      printer,
      onApproval: (approval) => {
        answering = answering.then(() => this.answer(approval, () => followed, renderer));
      },
    });
    if (from) renderer.show(from);
    try {
      followed = await start({
        ...(from ? { from } : {}),
        onEvent: (_event, view) => renderer.show(view),
        onState: (state) => {
          renderer.showState(state);
          // Not ours to wait for: it stays in the journal until its Temporal is back.
          if (state.kind === 'other-temporal') void followed?.stop();
        },
      });
      this.currentRun = followed;
      const steered = followed;
      this.options.reader.divert((line) => this.steer(steered, line));
      ending = await followed.done.catch(undefinedWhenStopped);
      if (ending?.result.status === 'budget-exhausted') this.budgetExhausted = true;
      await answering; // the question owns the terminal until it is answered
      if (ending) renderer.showEnding(ending);
      else printer.line('[detached] the run goes on; continue the conversation later to see its answer');
    } catch (error) {
      printer.line(`[error] ${messageOf(error)}`);
    } finally {
      this.options.reader.divert(undefined);
      this.currentRun = undefined;
    }
    printer.line('--- stream end ---');
    return ending;
  }

  /** A line typed while an answer streams: sent into the run, which reads it at its next round. */
  private steer(run: FollowedRun, line: string): void {
    const text = line.trim();
    if (text === '') return;
    run.steer(text).catch((error: unknown) => {
      this.options.printer.line(`[steer] not sent: ${messageOf(error)}`);
    });
  }

  /** Asks at the terminal, sends the decision, then lets the renderer show what followed. */
  private async answer(
    approval: PendingApproval,
    followed: () => FollowedRun | undefined,
    renderer: RunRenderer,
  ): Promise<void> {
    const { reader, printer } = this.options;
    try {
      const decision = await askApproval(approval, reader, printer);
      const run = followed();
      if (run === undefined) throw new Error('the run is not followed any more');
      await run.approve(approval.toolCallId, decision);
    } catch (error) {
      printer.line(`[approval] not recorded: ${messageOf(error)}`);
    } finally {
      renderer.release();
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
