import { app } from './support/app-page';
import { INTRODUCTION, INTRODUCTION_ANSWER, NAME_ANSWER, NAME_QUESTION } from './support/prompts';
import { expect, test } from './support/web-mode-test';

const highlighted = (name: string) => `CSS.highlights.get('${name}')?.size ?? 0`;

test.describe('find in conversation', () => {
  test('Ctrl+F finds in the open conversation: highlights, counts, next and previous, Esc closes', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 400 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    for (const [prompt, expected] of [
      [INTRODUCTION, INTRODUCTION_ANSWER],
      [NAME_QUESTION, NAME_ANSWER],
    ] as const) {
      await app.send(page, prompt);
      await expect(app.answerText(page)).toHaveText(expected, { timeout: 60_000 });
    }

    await page.keyboard.press('Control+f');
    const field = page.getByRole('textbox', { name: 'Find in conversation' });
    await expect(field).toBeFocused();
    await field.fill('ada');
    const count = page.getByTestId('find-count');
    await expect(count).toHaveText('1 of 3');
    expect(await page.evaluate(highlighted('find-match'))).toBe(3);
    expect(await page.evaluate(highlighted('find-current'))).toBe(1);
    await field.press('Enter');
    await expect(count).toHaveText('2 of 3');
    await field.press('Shift+Enter');
    await expect(count).toHaveText('1 of 3');
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect(count).toHaveText('3 of 3');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(count).toHaveText('1 of 3');
    await app.screenshot(page, 'find-in-conversation');

    await field.fill('grace');
    await expect(count).toHaveText('No matches');
    expect(await page.evaluate(highlighted('find-match'))).toBe(0);
    await field.fill('name');
    await expect(count).toHaveText('1 of 3');
    await field.press('Escape');
    await expect(field).toBeHidden();
    expect(await page.evaluate(highlighted('find-match'))).toBe(0);
  });
});
