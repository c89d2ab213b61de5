import type { Locator } from '@playwright/test';
import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

/** Whether two elements' boxes overlap on screen. */
async function overlap(first: Locator, second: Locator): Promise<boolean> {
  const [a, b] = [await first.boundingBox(), await second.boundingBox()];
  if (!a || !b) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} nothing is clipped: Settings' footer, the guide beside the run timeline, toasts off the run panel`, async ({
    page,
    webMode,
  }) => {
    await page.setViewportSize(size);
    const host = await webMode.start({ demoPace: 20 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByRole('button', { name: 'Save settings' })).toBeInViewport({ ratio: 1 });
    await expect(settings.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Scenario guide' }).click();
    await page.getByRole('button', { name: /^Scenario 4b:/ }).click();
    const steps = page.getByRole('region', { name: 'Scenario 4b' });
    await steps.getByRole('button', { name: 'Send the travel-plan prompt' }).click();
    await expect(app.answerText(page)).toContainText('Day 1');
    await expect(app.timeline(page)).toBeInViewport();
    await expect(steps.getByRole('button', { name: 'Kill -9 the worker' })).toBeInViewport();
    await expect(steps).toBeInViewport();
    await app.screenshot(page, `layout-scenario-${size.width}x${size.height}`);

    // A toast (the ensure-worker step says the worker already runs) sits over the chat, not the run panel.
    await steps.getByRole('button', { name: 'Start a worker' }).click();
    const toast = page.locator('.notice-stack .notice').first();
    await expect(toast).toBeVisible();
    expect(await overlap(toast, page.getByRole('complementary', { name: 'Durability panel' }))).toBe(false);
    await page.getByRole('button', { name: 'Stop' }).last().click();
  });
}
