import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { freePort } from '../support/free-port';
import { temporalAddress } from '../support/temporal-connection';
import { assertLibraryBuilt, REPOSITORY_ROOT } from './support/cli-process';
import { conversationIdOf, PROMPT, scenarioRegistry, WORKER_SHUTTING_DOWN } from './support/scenario';
import { answerBlock, streamBlock, withUsagePlaceholder } from './support/stream-block';

const SCRIPTS = path.join(REPOSITORY_ROOT, 'scripts', 'scale-out');
const API_KEY = 'tls-test-key';
const SERVER_NAME = 'temporal.scale-out.test';
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate));
const skipReason = nginx === undefined ? 'nginx is not installed (apt-get install nginx-light)' : undefined;
if (skipReason) console.warn(`SKIPPED (not passed): TLS + API key proxy tests — ${skipReason}`);
const title = (text: string) => (skipReason ? `${text} [SKIPPED: ${skipReason}]` : text);

let certificates = '';
let proxy: ChildProcess | undefined;
let proxyAddress = '';

/** The variables of a terminal set up for Temporal Cloud: the proxy's address, the key, CA, name, mTLS pair. */
function tlsEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    TEMPORAL_API_KEY: API_KEY,
    TEMPORAL_TLS_CA: path.join(certificates, 'ca.pem'),
    TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
    TEMPORAL_TLS_CERT: path.join(certificates, 'client.pem'),
    TEMPORAL_TLS_KEY: path.join(certificates, 'client.key'),
    ...overrides,
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(true));
      socket.once('error', () => resolve(false));
      setTimeout(() => resolve(false), 500);
    }).finally(() => undefined);
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the TLS proxy did not listen on ${port} within ${timeoutMs} ms`);
}

beforeAll(async () => {
  if (skipReason) return;
  assertLibraryBuilt();
  certificates = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-tls-'));
  execFileSync('bash', [path.join(SCRIPTS, 'make-certs.sh'), certificates]);
  const port = await freePort();
  proxyAddress = `127.0.0.1:${port}`;
  proxy = spawn(
    'bash',
    [path.join(SCRIPTS, 'tls-proxy.sh'), certificates, proxyAddress, temporalAddress(), API_KEY],
    {
      stdio: 'inherit',
    },
  );
  await waitForPort(port, 15_000);
});

afterAll(async () => {
  if (proxy && proxy.exitCode === null) {
    const exited = new Promise((resolve) => proxy?.once('exit', resolve));
    proxy.kill('SIGTERM');
    await exited;
  }
  if (certificates) rmSync(certificates, { recursive: true, force: true });
});

const scenarios = scenarioRegistry();
afterEach(() => scenarios.closeAll());

describe('durable-agent worker and agent through a TLS proxy that checks an API key and an mTLS certificate', () => {
  it.skipIf(skipReason)(title('1. answers the first prompt end to end'), async () => {
    const scenario = await scenarios.create({
      pace: 200,
      temporalAddress: proxyAddress,
      environment: tlsEnvironment(),
    });
    await scenario.startWorker();
    const agent = await scenario.startAgent();
    expect(agent.stdout).toContain(`on ${proxyAddress};`);
    const block = await scenario.ask(agent, 'Hello from remote agent!');
    expect(withUsagePlaceholder(block)).toEqual(answerBlock('Hello! How can I help you today?'));
  });

  it.skipIf(skipReason)(
    title('4b. a worker stopped mid-answer and started again: the plan resumes and is stored once'),
    async () => {
      const scenario = await scenarios.create({
        pace: 40,
        temporalAddress: proxyAddress,
        environment: tlsEnvironment(),
      });
      const worker = await scenario.startWorker();
      const agent = await scenario.startAgent(['--timeout', '60s', '--heartbeat-timeout', '3s']);
      const conversationId = conversationIdOf(agent);
      const prompt = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

      const from = agent.mark();
      agent.send(prompt);
      await agent.waitFor('Day 1: Arrive in Tokyo', { from });
      worker.signal('SIGINT');
      await worker.waitFor(`${WORKER_SHUTTING_DOWN}\n`);
      expect(await worker.waitForExit()).toEqual({ code: 0, signal: null });

      scenario.model.setPace(400);
      await scenario.startWorker();
      const end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from, timeoutMs: 60_000 });
      const block = streamBlock(agent.stdout.slice(from, end));
      const retry = block.indexOf('[retry] attempt 2 — the worker shut down');
      expect(block[retry + 1]).toMatch(/^\[attempt 2 on \S+\]$/); // the worker that took it over
      const complete = block.indexOf('[complete]');
      expect(retry).toBeGreaterThan(1);
      expect(block.slice(retry + 2, complete).join('\n')).toBe(travelPlan);
      expect(await scenario.storedConversation(conversationId)).toEqual([
        { role: 'user', content: prompt },
        { role: 'assistant', content: travelPlan },
      ]);
    },
    90_000,
  );

  const wrong: readonly [what: string, overrides: () => Record<string, string>, message: RegExp][] = [
    [
      'a wrong API key',
      () => ({ TEMPORAL_API_KEY: 'not-the-key' }),
      /refused the connection: the API key was refused \(the server said: missing or wrong API key\) — check the API key/,
    ],
    [
      'a wrong server CA',
      () => ({ TEMPORAL_TLS_CA: path.join(certificates, 'other-ca.pem') }),
      /TLS to Temporal at 127\.0\.0\.1:\d+ failed: the server's certificate is not signed by the server CA given — check the server CA/,
    ],
    [
      'a wrong server name',
      () => ({ TEMPORAL_TLS_SERVER_NAME: 'wrong.example' }),
      /the server's certificate is not valid for the name "wrong\.example" \(it is for temporal\.scale-out\.test\) — check the server name/,
    ],
    [
      'no client certificate',
      () => ({ TEMPORAL_TLS_CERT: '', TEMPORAL_TLS_KEY: '' }),
      /refused the connection: permission denied \(the server said: client certificate required\) — check the mTLS client certificate/,
    ],
  ];
  for (const [what, overrides, message] of wrong) {
    it.skipIf(skipReason)(title(`fails fast naming ${what}, in the worker and in the agent`), async () => {
      const scenario = await scenarios.create({
        pace: 200,
        temporalAddress: proxyAddress,
        environment: tlsEnvironment(overrides()),
      });
      const startedAt = Date.now();
      const worker = scenario.spawn('worker', ['worker']);
      const agent = scenario.spawn('agent', ['agent', 'hello']);
      expect(await worker.waitForExit()).toEqual({ code: 1, signal: null });
      expect(await agent.waitForExit()).toEqual({ code: 1, signal: null });
      expect(Date.now() - startedAt).toBeLessThan(10_000);
      expect(worker.output).toMatch(message);
      expect(agent.output).toMatch(message);
    });
  }
});
