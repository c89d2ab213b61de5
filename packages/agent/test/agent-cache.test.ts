import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import { AgentCache } from '../src/client/agent-cache';
import { temporalAddress } from './support/temporal-connection';

describe('AgentCache', () => {
  const caches: AgentCache[] = [];
  afterEach(async () => {
    await Promise.all(caches.splice(0).map((cache) => cache.close()));
  });

  function cacheOf(create: () => Promise<Agent>): AgentCache {
    const cache = new AgentCache(create);
    caches.push(cache);
    return cache;
  }

  const connect = () =>
    Agent.create({
      name: 'assistant',
      taskQueue: 'agent-cache',
      temporal: { address: temporalAddress() },
    });

  it('makes one agent until invalidated, keeps the older one open for its runs, and closes every agent it made', async () => {
    let made = 0;
    const cache = cacheOf(() => {
      made += 1;
      return connect();
    });
    const first = await cache.current();
    expect(await cache.current()).toBe(first);
    expect(made).toBe(1);

    cache.invalidate();
    const second = await cache.current();
    expect(second).not.toBe(first);
    expect(made).toBe(2);
    // The older agent still answers: runs followed with it keep going.
    expect((await first.identity()).address).toBe(temporalAddress());

    await cache.close();
    await expect(first.identity()).rejects.toThrow();
    await expect(second.identity()).rejects.toThrow();
  });

  it('makes the agent again on the next use when making it failed', async () => {
    let attempts = 0;
    const cache = cacheOf(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('Temporal unreachable');
      return connect();
    });
    await expect(cache.current()).rejects.toThrow('Temporal unreachable');
    const agent = await cache.current();
    expect((await agent.identity()).address).toBe(temporalAddress());
    expect(attempts).toBe(2);
  });
});
