import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { median, round } from '../support/stats.mjs';
import { CHROMIUM_ARGS, startWebHost } from './web-ui.mjs';

const PROMPT = 'reply with 1500 tokens';

/**
 * Recovery as the app's user sees it (issue 19's target: ≤ 2 s): the app in web mode, a long answer, and
 * Kill -9 of the worker running it from the roster — with a second worker already polling, or Restart
 * clicked at once. Measures from the Kill -9 click to the run's state reading `streaming — attempt 2` (the
 * new attempt's first text applied in the page). The host fails the lost attempt in Temporal at once, and
 * Restart promotes the worker's standby process (web mode keeps one per worker), so each Restart trial
 * waits for the roster to say `standby ready` first.
 */
export async function measureAppRecovery(environment, { takeover, trials = 3, pace = 50 }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-app-recovery-'));
  const workers = takeover === 'second-worker' ? 2 : 1;
  const host = await startWebHost({ dataDir, temporalAddress: environment.address, pace, workers });
  const browser = await chromium.launch({
    executablePath: process.env.DURABLE_AGENT_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    const roster = page.getByRole('list', { name: 'Worker roster' });
    const samples = [];
    for (let trial = 0; trial < trials; trial++) {
      const ready = roster.locator('[data-state="ready"]');
      await (takeover === 'restart' ? ready.filter({ hasText: 'standby ready' }) : ready)
        .nth(workers - 1)
        .waitFor({ timeout: 90_000 });
      await page.getByRole('button', { name: 'New conversation' }).click();
      const field = page.getByRole('textbox', { name: 'Message' });
      await field.fill(PROMPT);
      await field.press('Enter');
      // The worker running the model call says so in its row; kill it once text flows.
      const running = roster.getByRole('listitem').filter({ hasText: 'running a model call' });
      await running.waitFor({ timeout: 60_000 });
      await page
        .getByTestId('answer-text')
        .last()
        .filter({ hasText: /\w+ \w+ \w+ \w+ \w+/ })
        .waitFor({ timeout: 60_000 });
      const label = (await running.getAttribute('aria-label')) ?? 'Worker 1';
      const killedAt = performance.now();
      await running.getByRole('button', { name: `Kill -9 ${label}` }).click();
      if (takeover === 'restart') await roster.getByRole('button', { name: `Restart ${label}` }).click();
      await page
        .getByTestId('run-state')
        .filter({ hasText: 'streaming — attempt 2' })
        .waitFor({ timeout: 60_000 });
      samples.push(performance.now() - killedAt);
      await page
        .getByTestId('run-state')
        .filter({ hasText: /^completed$/ })
        .waitFor({ timeout: 120_000 });
      if (takeover === 'second-worker')
        await roster.getByRole('button', { name: `Restart ${label}` }).click();
    }
    return {
      takeover,
      loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
      prompt: PROMPT,
      nextTokenMs: round(median(samples)),
      maxNextTokenMs: round(Math.max(...samples)),
      samples: samples.map(round),
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
