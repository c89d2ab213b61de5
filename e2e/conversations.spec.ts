import { app } from './support/app-page';
import { HELLO, HELLO_ANSWER, TRAVEL_PLAN } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('conversations', () => {
  test('Esc stops an answer and keeps its partial text, marked; conversations can be searched, renamed and deleted', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 40 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await app.send(page, TRAVEL_PLAN);
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    await page.keyboard.press('Escape');
    const stopped = app.answer(page);
    await expect(stopped).toHaveAttribute('data-status', 'interrupted');
    await expect(stopped.getByRole('note')).toContainText('Stopped — the partial answer above was kept');
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    await expect(app.runState(page)).toHaveText('stopped');

    await page.getByRole('button', { name: 'New conversation' }).click();
    const field = page.getByRole('textbox', { name: 'Message' });
    await field.fill('first line');
    await field.press('Shift+Enter');
    await field.pressSequentially('second line');
    await expect(field).toHaveValue('first line\nsecond line');
    await field.fill(HELLO);
    await field.press('Enter');
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
    await expect(app.answerText(page)).toHaveText(HELLO_ANSWER);

    const list = page.getByRole('list', { name: 'Conversation list' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    // The item's actions show on hover (or keyboard focus), as for a person with a mouse.
    await list.getByRole('listitem').filter({ hasText: HELLO }).hover();
    await list.getByRole('button', { name: `Rename ${HELLO}` }).click();
    const title = page.getByRole('textbox', { name: 'Conversation title' });
    await title.fill('Greetings');
    await title.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Greetings');

    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('Shinjuku');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('listitem')).toHaveCount(1);
    await expect(results).toContainText('Write a detailed day-by-day travel plan');
    await app.screenshot(page, 'conversations-search');
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('');

    await list.getByRole('listitem').filter({ hasText: 'Greetings' }).hover();
    await list.getByRole('button', { name: 'Delete Greetings' }).click();
    await list.getByRole('button', { name: 'Confirm delete Greetings' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New conversation');
  });
});
