import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { outputPaths, screenshotPath } from './output-paths';

/** What the specs do with the app's page, by the accessible names a user (and a screen reader) sees. */
export const app = {
  /** Opens the app and waits until Temporal is connected (an embedded dev server may take a while). */
  async open(page: Page, url: string, timeout?: number): Promise<void> {
    await page.goto(url);
    await expect(app.temporal(page).getByText('connected')).toBeVisible({ timeout });
  },

  /** The durability panel's Temporal card: state, address, outage (down since, restarts), pid. */
  temporal(page: Page): Locator {
    return page.getByRole('region', { name: 'Temporal' });
  },

  worker(page: Page, label = 'Worker 1'): Locator {
    return page.getByRole('list', { name: 'Worker roster' }).getByRole('listitem', { name: label });
  },

  async waitForWorker(page: Page, state: 'ready' | 'exited', label = 'Worker 1'): Promise<void> {
    await expect(app.worker(page, label)).toHaveAttribute('data-state', state, { timeout: 60_000 });
  },

  async send(page: Page, text: string): Promise<void> {
    const field = page.getByRole('textbox', { name: 'Message' });
    await field.fill(text);
    await field.press('Enter');
  },

  answer(page: Page): Locator {
    return page.getByRole('listitem', { name: 'Agent answer' }).last();
  },

  answerText(page: Page): Locator {
    return app.answer(page).getByTestId('answer-text');
  },

  runState(page: Page): Locator {
    return page.getByTestId('run-state');
  },

  timeline(page: Page): Locator {
    return page.getByRole('list', { name: 'Run timeline' });
  },

  async screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(outputPaths.screenshots, { recursive: true });
    await page.screenshot({ path: screenshotPath(name) });
  },
};

/** The number of times `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
