import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { defaultDemoModelPort, run } from '../src/cli/demo-model-command';
import { startDemoModel } from '../src/llm/demo-model';

let printed: MockInstance<typeof console.log>;
let errors: MockInstance<typeof console.error>;

beforeEach(() => {
  printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function output(spy: MockInstance<(...data: unknown[]) => void>): string {
  return spy.mock.calls.map((call) => call.join(' ')).join('\n');
}

async function listeningBaseUrl(): Promise<string> {
  await expect.poll(() => output(printed)).toContain('Demo model listening on');
  return /listening on (\S+)/.exec(output(printed))?.[1] ?? '';
}

describe('demo-model command', () => {
  it('prints its options and default port for --help', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(output(printed)).toContain(`default ${defaultDemoModelPort}`);
    expect(output(printed)).toContain('--pace');
  });

  it('refuses an unknown flag with exit code 2 and lists the valid flags', async () => {
    expect(await run(['--prot', '9000'])).toBe(2);
    expect(output(errors)).toContain('Unknown option "--prot"');
    expect(output(errors)).toContain(
      'Valid options: --port <n>, --host <host>, --pace <tokens/s>, --context-window <tokens>, --help',
    );
  });

  it('refuses a port that is not a number with exit code 2', async () => {
    expect(await run(['--port', 'eighty'])).toBe(2);
    expect(output(errors)).toContain('Invalid --port "eighty"');
  });

  it('serves the demo model, tells how to use it and returns 0 when stopped', async () => {
    const stop = new AbortController();
    const exitCode = run(['--port', '0', '--pace', '0'], stop.signal);
    const baseURL = await listeningBaseUrl();
    expect(output(printed)).toMatch(
      /^Demo model listening on http:\/\/127\.0\.0\.1:\d+\/v1 \(pace 0 tokens\/s\)$/m,
    );
    expect(output(printed)).toContain(`Set OPENAI_BASE_URL=${baseURL} to use it.`);
    const client = new OpenAI({ baseURL, apiKey: 'demo' });
    const completion = await client.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello! How can I help you today?');
    stop.abort();
    expect(await exitCode).toBe(0);
    await expect(fetch(`${baseURL}/models`)).rejects.toThrow();
  });

  it('stops on SIGINT, returns 0 and removes its signal listeners', async () => {
    const listenersBefore = process.listenerCount('SIGINT') + process.listenerCount('SIGTERM');
    const exitCode = run(['--port', '0']);
    await listeningBaseUrl();
    process.emit('SIGINT', 'SIGINT');
    expect(await exitCode).toBe(0);
    expect(process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });

  it('reports a port in use with exit code 1', async () => {
    const occupant = await startDemoModel();
    try {
      expect(await run(['--port', String(occupant.port)])).toBe(1);
      expect(output(errors)).toContain(`port ${occupant.port} is already in use`);
    } finally {
      await occupant.close();
    }
  });
});
