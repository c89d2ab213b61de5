import { app, occurrences } from './support/app-page';
import { TRAVEL_PLAN_END, TRAVEL_PLAN_START } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('scenario guide', () => {
  test('scenario 4b played with its one-click steps: send, kill -9 after the first tokens, restart, the stream resumes', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 40 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await page.getByRole('button', { name: 'Scenario guide' }).click();
    const guide = page.getByRole('dialog', { name: 'Scenario guide' });
    await expect(guide.getByRole('button', { name: /^Scenario / })).toHaveCount(12);
    await app.screenshot(page, 'scenario-guide');
    await guide.getByRole('button', { name: /^Scenario 4b:/ }).click();
    await expect(guide).toBeHidden();

    const steps = page.getByRole('region', { name: 'Scenario 4b' });
    await steps.getByRole('button', { name: 'Send the travel-plan prompt' }).click();
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    await steps.getByRole('button', { name: 'Kill -9 the worker' }).click();
    await expect(app.runState(page)).toHaveText('retrying — attempt 2 (worker lost)');
    await steps.getByRole('button', { name: 'Restart the worker' }).click();
    await app.waitForWorker(page, 'ready');

    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
    const final = (await app.answerText(page).textContent()) ?? '';
    expect(occurrences(final, TRAVEL_PLAN_START)).toBe(1);
    expect(final).toContain(TRAVEL_PLAN_END);
    await page.getByRole('button', { name: /^Theme: system/ }).click();
    await page.getByRole('button', { name: /^Theme: light/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.screenshot(page, 'scenario-4b-dark');
  });
});
