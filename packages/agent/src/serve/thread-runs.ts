import type { Agent } from '../client/agent';
import type { AgentRun } from '../client/agent-run';
import type { AgentRunResult } from '../common/types';
import { HttpError } from './http-error';

interface ThreadEntry {
  readonly runId: string;
  /** Resolves once the run has ended and its messages are in the conversation (or reading it failed). */
  done?: Promise<AgentRunResult | undefined>;
  settled: boolean;
}

/**
 * The runs this process serves, per thread. Each run is awaited to its end whether or not a client is
 * connected, so its messages reach the conversation store; a thread takes a new run only when its last
 * one has ended (a thread is one conversation, in order).
 */
export class ThreadRuns {
  private readonly threads = new Map<string, ThreadEntry>();
  private readonly runThreads = new Map<string, string>();

  constructor(
    private readonly agent: Agent,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Claims `threadId` for `runId` (at once, so two requests cannot both start a run); 409 while another
   * run of the thread is unfinished. Returns a release for when the run could not be started.
   */
  claim(threadId: string, runId: string): () => void {
    const current = this.threads.get(threadId);
    if (current && current.runId !== runId && !current.settled) {
      throw new HttpError(
        409,
        'thread-busy',
        `run "${current.runId}" of thread "${threadId}" has not finished: wait for it, answer its interrupt, or cancel it (POST /agent/runs/${current.runId}/cancel)`,
      );
    }
    if (current?.runId === runId) return () => undefined;
    const entry: ThreadEntry = { runId, settled: false };
    this.threads.set(threadId, entry);
    this.runThreads.set(runId, threadId);
    return () => {
      if (this.threads.get(threadId) === entry) this.threads.delete(threadId);
    };
  }

  /**
   * Follows `run` to its end (once per run), through Temporal outages (the library retries): the
   * conversation store gets its messages.
   */
  track(threadId: string, run: AgentRun): Promise<AgentRunResult | undefined> {
    this.runThreads.set(run.runId, threadId);
    let entry = this.threads.get(threadId);
    if (!entry || entry.runId !== run.runId) {
      entry = { runId: run.runId, settled: false };
      this.threads.set(threadId, entry);
    }
    if (entry.done) return entry.done;
    const tracked = entry;
    tracked.done = this.agent.settle(run).then(
      (ending) => ending.result,
      (error: unknown) => {
        this.onError(error);
        return undefined;
      },
    );
    void tracked.done.then(() => {
      tracked.settled = true;
    });
    return tracked.done;
  }

  /** The thread of a run this process has served. */
  threadOf(runId: string): string | undefined {
    return this.runThreads.get(runId);
  }

  /** Waits for the runs in flight to be stored (a server closing). */
  async drain(): Promise<void> {
    await Promise.all([...this.threads.values()].map((entry) => entry.done));
  }
}
