import { app, occurrences } from './support/app-page';
import { freeTemporalPort } from './support/free-port';
import { TRAVEL_PLAN_END } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('scenario guide: Temporal outage', () => {
  test('scenario 8 played with its one-click steps: kill -9 the embedded Temporal mid-answer, start it, the answer finishes once', async ({
    page,
    webMode,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const host = await webMode.start({ demoPace: 30, embeddedTemporalPort: await freeTemporalPort() });
    await app.open(page, host.url, 60_000);
    await app.waitForWorker(page, 'ready');
    const firstPid = await app.temporal(page).getByTestId('temporal-pid').textContent();

    await page.getByRole('button', { name: 'Scenario guide' }).click();
    await page.getByRole('button', { name: /^Scenario 8:/ }).click();
    const steps = page.getByRole('region', { name: 'Scenario 8' });
    await steps.getByRole('button', { name: 'Send the travel-plan prompt' }).click();
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    await steps.getByRole('button', { name: 'Kill -9 Temporal' }).click();
    await expect(app.temporal(page)).toContainText('Temporal unreachable — reconnecting', {
      timeout: 10_000,
    });
    await expect(app.timeline(page)).toBeInViewport();
    await steps.getByRole('button', { name: 'Start Temporal' }).click();
    await expect(app.temporal(page).getByText('connected')).toBeVisible({ timeout: 60_000 });
    await expect(app.temporal(page).getByTestId('temporal-pid')).not.toHaveText(firstPid ?? '');
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 120_000 });
    const final = (await app.answerText(page).textContent()) ?? '';
    expect(occurrences(final, 'Day 1:')).toBe(1);
    expect(occurrences(final, TRAVEL_PLAN_END)).toBe(1);
    await app.screenshot(page, 'scenario-8-temporal-outage');
  });
});
