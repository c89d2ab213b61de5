import { TemporalDevServer } from 'durable-agent';
import { app } from './support/app-page';
import { HELLO, NO_WORKER_ERROR } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('worker check', () => {
  // Its own Temporal: the check asks Temporal for recent pollers of "agent", and other specs' workers
  // must not count.
  let temporal: TemporalDevServer;
  test.beforeAll(async () => {
    temporal = await TemporalDevServer.start({ port: 0, headless: true, startTimeoutMs: 60_000 });
  });
  test.afterAll(async () => {
    await temporal?.stop();
  });

  test('with no worker running, the answer waits for one with a countdown, then fails with the seed error', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({
      workers: 0,
      temporalAddress: temporal.address,
      settings: { taskQueue: 'agent' },
    });
    await app.open(page, host.url);
    await expect(page.getByRole('region', { name: 'Workers' })).toContainText('No worker');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Timeout (seconds)').fill('8');
    await expect(settings.getByText('not set').first()).toBeVisible(); // the model API key (the Temporal keys too)
    await app.screenshot(page, 'settings');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toBeHidden();

    await app.send(page, HELLO);
    const wait = app.answer(page).getByRole('status').filter({ hasText: 'waiting for a worker' });
    await expect(wait).toContainText('waiting for a worker on task queue "agent" —');
    await expect(wait).toContainText(/0:0[1-7] \/ 0:08/);
    await expect(wait.getByRole('button', { name: 'Start worker' })).toBeVisible();
    await expect(app.runState(page)).toHaveText('waiting for a worker');
    await app.screenshot(page, 'worker-check-waiting');

    const answer = app.answer(page);
    await expect(answer).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
    await expect(answer.getByRole('alert')).toContainText(NO_WORKER_ERROR);
    await expect(app.runState(page)).toHaveText('failed');
    await app.screenshot(page, 'worker-check-failed');
  });
});
