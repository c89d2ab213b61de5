import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useServeScenarios } from './support/serve-process';

const scenarios = useServeScenarios();

describe('examples/ag-ui-client.mjs', () => {
  it('drives durable-agent serve with the stock HttpAgent: answer, frontend tool, interrupt, thread memory', async () => {
    const { serve } = await scenarios.serveWithWorker(0, [
      '--approval-policy',
      'require-all',
      '--token',
      'example-token',
    ]);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(__dirname, '..', '..', 'examples', 'ag-ui-client.mjs')],
      { env: { ...process.env, AGUI_URL: serve.url, DURABLE_AGENT_TOKEN: 'example-token' }, timeout: 60_000 },
    );

    expect(stdout).toContain('assistant: Nice to meet you, Ada!');
    expect(stdout).toContain('[client tool] getWeather(Paris)');
    expect(stdout).toContain('assistant: The getWeather tool returned: Sunny, 21 °C in Paris');
    expect(stdout).toContain(
      '[interrupt] Approve the call of calculator with {"expression":"12*7"}? -> approving',
    );
    expect(stdout).toContain('assistant: The result is 84.');
    expect(stdout).toContain('assistant: Your name is Ada.');
    expect(stdout).toMatch(/thread \S+: \d+ messages/);
  });
});
