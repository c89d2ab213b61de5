import { app } from './support/app-page';
import { NESTED_MARKDOWN } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('answers too nested for Markdown', () => {
  test("20 KB of '- ' × 10,000 and '>' × 20,000 render as plain text without freezing; the page stays responsive", async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 0 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    // Every main-thread task over 50 ms, as Chromium reports them.
    await page.evaluate(`
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    `);

    await app.send(page, NESTED_MARKDOWN);
    const answer = app.answer(page);
    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 120_000 });

    const text = app.answerText(page);
    await expect(text).toHaveClass(/plain-text/);
    const shown = (await text.textContent()) ?? '';
    expect(shown).toContain('- '.repeat(10_000).trim());
    expect(shown).toContain('>'.repeat(20_000));
    await expect(text.locator('ul, blockquote')).toHaveCount(0);
    // Responsive: a frame is drawn at once, and no task held the page for a second.
    const frameMs = await page.evaluate<number>(`new Promise((resolve) => {
      const asked = performance.now();
      requestAnimationFrame(() => resolve(performance.now() - asked));
    })`);
    expect(frameMs).toBeLessThan(500);
    const longest = await page.evaluate<number>('Math.max(0, ...window.longTasks)');
    expect(longest).toBeLessThan(1000);
    await page.getByRole('textbox', { name: 'Message' }).fill('still typing');
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('still typing');

    // Opened again (a reload reads the conversation back): plain text again, not a blank page.
    await page.reload();
    await expect(app.answerText(page)).toHaveClass(/plain-text/, { timeout: 30_000 });
  });
});
