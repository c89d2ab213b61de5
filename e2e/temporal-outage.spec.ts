import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { app, occurrences } from './support/app-page';
import { freeTemporalPort } from './support/free-port';
import { OwnTemporal } from './support/own-temporal';
import { TRAVEL_PLAN, TRAVEL_PLAN_END, TRAVEL_PLAN_START } from './support/prompts';
import { expect, test } from './support/web-mode-test';

/** The pids of processes whose command line names `file` (the dev server runs with `--db-filename <file>`). */
function pidsNaming(file: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', file], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** The embedded dev server's pid as the Temporal card shows it. */
async function shownTemporalPid(page: Page): Promise<number> {
  const pid = app.temporal(page).getByTestId('temporal-pid');
  await expect(pid).toHaveText(/^pid \d+$/);
  return Number((await pid.textContent())!.replace('pid ', ''));
}

/** The first worker's pid as its row shows it. */
async function shownWorkerPid(page: Page): Promise<number> {
  const text = await app
    .worker(page)
    .getByText(/pid \d+/)
    .textContent();
  return Number(/pid (\d+)/.exec(text ?? '')![1]);
}

/** Whether the process exists and has not exited (a zombie nobody reaped has: its state is `Z`). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

test.describe('Temporal outage', () => {
  test('kill -9 of the embedded Temporal mid-answer: the panel shows the outage, Temporal comes back on its database, the answer finishes once', async ({
    page,
    webMode,
  }) => {
    test.setTimeout(240_000);
    const host = await webMode.start({ demoPace: 30, embeddedTemporalPort: await freeTemporalPort() });
    await app.open(page, host.url, 60_000);
    await app.waitForWorker(page, 'ready');
    const database = path.join(webMode.dataDir, 'temporal.db');
    const firstPid = await shownTemporalPid(page);
    expect(pidsNaming(database)).toEqual([firstPid]);

    await app.send(page, TRAVEL_PLAN);
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    process.kill(firstPid, 'SIGKILL');

    const temporal = app.temporal(page);
    await expect(temporal).toContainText('Temporal unreachable — reconnecting', { timeout: 10_000 });
    await expect(temporal).toContainText(/down since \d\d:\d\d:\d\d/);
    await app.screenshot(page, 'temporal-outage');

    // The supervisor starts a new dev server on the same port and database file by itself.
    await expect(temporal.getByText('connected')).toBeVisible({ timeout: 60_000 });
    await expect(temporal).toContainText('restarted 1 time');
    await expect(temporal).not.toContainText('down since');
    const secondPid = await shownTemporalPid(page);
    expect(secondPid).not.toBe(firstPid);
    expect(pidsNaming(database)).toEqual([secondPid]);

    const answer = app.answer(page);
    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 120_000 });
    const final = (await app.answerText(page).textContent()) ?? '';
    expect(occurrences(final, TRAVEL_PLAN_START)).toBe(1);
    expect(occurrences(final, 'Day 1:')).toBe(1);
    expect(occurrences(final, TRAVEL_PLAN_END)).toBe(1);
    expect(final.trimEnd().endsWith(TRAVEL_PLAN_END)).toBe(true);
    await expect(app.runState(page)).toHaveText('completed');
    await app.screenshot(page, 'temporal-outage-recovered');

    // Stored once: the reloaded conversation (its id is in the address) holds one answer with one plan.
    await page.reload();
    await expect(app.temporal(page).getByText('connected')).toBeVisible();
    await expect(page.getByRole('listitem', { name: 'Agent answer' })).toHaveCount(1);
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
    const reloaded = (await app.answerText(page).textContent()) ?? '';
    expect(occurrences(reloaded, 'Day 1:')).toBe(1);
    expect(occurrences(reloaded, TRAVEL_PLAN_END)).toBe(1);
    await expect(app.temporal(page)).toContainText('restarted 1 time');
  });

  test('a host killed with SIGKILL while Temporal is down, Temporal back, the host started again: the answer finishes, stored once', async ({
    page,
    webMode,
  }) => {
    test.setTimeout(300_000);
    const folder = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-e2e-temporal-'));
    const temporal = new OwnTemporal(await freeTemporalPort(), path.join(folder, 'temporal.db'));
    try {
      await temporal.start();
      const first = await webMode.start({ demoPace: 30, temporalAddress: temporal.address });
      await app.open(page, first.url);
      await app.waitForWorker(page, 'ready');
      const workerPid = await shownWorkerPid(page);
      await app.send(page, TRAVEL_PLAN);
      await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');

      await temporal.kill();
      await expect(app.temporal(page)).toContainText('Temporal unreachable — reconnecting', {
        timeout: 20_000,
      });
      // The answer's run says so too, once its follower has lost Temporal.
      await expect(app.runState(page)).toHaveText('Temporal unreachable — reconnecting', { timeout: 30_000 });
      await expect(app.answer(page)).toContainText('Temporal unreachable — reconnecting');
      await app.screenshot(page, 'external-temporal-down');
      await first.kill();
      await expect(page.getByText('Connection to the host lost — reconnecting…')).toBeVisible();
      // Its worker goes too (it notices its parent is gone), so the second host's worker finishes the run.
      // With Temporal down its shutdown takes a while (about 25 s here): the SDK cannot hand work back.
      await expect.poll(() => isRunning(workerPid), { timeout: 60_000 }).toBe(false);

      await temporal.start();
      const second = await webMode.start({ demoPace: 60, temporalAddress: temporal.address });
      await app.open(page, second.url);
      await page
        .getByRole('list', { name: 'Conversation list' })
        .getByRole('button', { name: /^Write a detailed day-by-day travel plan/ })
        .click();
      const answer = app.answer(page);
      await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 150_000 });
      const final = (await app.answerText(page).textContent()) ?? '';
      expect(occurrences(final, TRAVEL_PLAN_START)).toBe(1);
      expect(occurrences(final, 'Day 1:')).toBe(1);
      expect(occurrences(final, TRAVEL_PLAN_END)).toBe(1);
      await expect(app.runState(page)).toHaveText(/^completed$/);
      await app.screenshot(page, 'external-temporal-back-host-restarted');

      await page.reload();
      await expect(page.getByRole('listitem', { name: 'Agent answer' })).toHaveCount(1);
      await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
      const reloaded = (await app.answerText(page).textContent()) ?? '';
      expect(occurrences(reloaded, 'Day 1:')).toBe(1);
      expect(occurrences(reloaded, TRAVEL_PLAN_END)).toBe(1);
    } finally {
      await webMode.stopAll();
      await temporal.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
