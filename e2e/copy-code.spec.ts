import { app } from './support/app-page';
import { CODE_EXAMPLE, CODE_EXAMPLE_CODE } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('copy code', () => {
  test('"Copy code" puts the code of a block, without its fences, on the clipboard', async ({
    page,
    webMode,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const host = await webMode.start({ demoPace: 400 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await app.send(page, CODE_EXAMPLE);
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    const copy = app.answer(page).getByRole('button', { name: 'Copy code' });
    await copy.click();
    await expect(copy).toContainText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.trimEnd()).toBe(CODE_EXAMPLE_CODE);
  });
});
