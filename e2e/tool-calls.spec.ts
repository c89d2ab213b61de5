import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

test.describe('tool calls', () => {
  test('an answer that used a tool still shows the call, its arguments and its result after a reload', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start();
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await app.send(page, 'What is 12 * 7?');
    await expect(app.answerText(page)).toContainText('The result is 84.', { timeout: 60_000 });
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');

    await page.reload();
    await expect(app.answerText(page)).toContainText('The result is 84.');
    const calls = app.answer(page).getByRole('listitem', { name: 'Tool call calculator' });
    await expect(calls).toHaveCount(1);
    await expect(calls.getByTestId('tool-call-arguments')).toContainText('"expression": "12 * 7"');
    await expect(calls.getByTestId('tool-call-result')).toContainText('84');
    await app.screenshot(page, 'tool-calls-after-reload');
  });
});
