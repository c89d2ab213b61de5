import type { Agent } from './agent';

/**
 * The `Agent` of a long-lived process whose settings change (Temporal address, task queue, mode): made on
 * first use, made again after `invalidate()`, and made again on the next use when making it failed
 * (Temporal unreachable at start-up). Agents made earlier stay open until `close()`, so the runs followed
 * with them keep going. Hand `() => cache.current()` to `followWithAgent`.
 */
export class AgentCache {
  private agent: Promise<Agent> | undefined;
  private readonly made: Promise<Agent>[] = [];

  constructor(private readonly create: () => Promise<Agent>) {}

  /** The agent of the current settings, made now when there is none (or the last make failed). */
  current(): Promise<Agent> {
    if (!this.agent) {
      const creating = this.create();
      this.agent = creating;
      this.made.push(creating);
      creating.catch(() => {
        if (this.agent === creating) this.agent = undefined;
      });
    }
    return this.agent;
  }

  /** The next `current()` makes a new agent (its settings changed); this one stays open for its runs. */
  invalidate(): void {
    this.agent = undefined;
  }

  /** Closes every agent made (their followed runs stop being followed; the runs go on). */
  async close(): Promise<void> {
    this.agent = undefined;
    const agents = await Promise.allSettled(this.made.splice(0));
    await Promise.all(
      agents.map((agent) =>
        agent.status === 'fulfilled' ? agent.value.close().catch(() => undefined) : undefined,
      ),
    );
  }
}
