import { app } from './support/app-page';
import { INTRODUCTION, INTRODUCTION_ANSWER, NAME_ANSWER, NAME_QUESTION } from './support/prompts';
import { expect, test } from './support/web-mode-test';
import { readWorkflowInput } from './support/workflow-input';

const GRACE = 'My name is Grace.';

test.describe('message branches', () => {
  test('editing a prompt answers it on a new branch; Previous/Next version switch branches; the model sees only the branch on screen', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 200 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    for (const [prompt, expected] of [
      [INTRODUCTION, INTRODUCTION_ANSWER],
      [NAME_QUESTION, NAME_ANSWER],
    ] as const) {
      await app.send(page, prompt);
      await expect(app.answerText(page)).toHaveText(expected, { timeout: 60_000 });
      await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
    }

    const prompts = page.getByRole('listitem', { name: 'Your message' });
    await prompts.first().getByRole('button', { name: 'Edit message' }).click();
    const editor = page.getByRole('textbox', { name: 'Edited message' });
    await editor.fill(GRACE);
    await editor.press('Enter');
    await expect(app.answerText(page)).toHaveText('Nice to meet you, Grace!', { timeout: 60_000 });
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
    await expect(prompts).toHaveCount(1);
    await expect(prompts.first().getByTestId('version-counter')).toHaveText('2 / 2');

    await app.send(page, NAME_QUESTION);
    await expect(app.answerText(page)).toHaveText('Your name is Grace.', { timeout: 60_000 });
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
    const workflowId = await page
      .getByRole('region', { name: 'Current run' })
      .locator('.workflow-id')
      .getAttribute('title');
    const input = await readWorkflowInput(process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS!, workflowId!);
    expect(input.messages.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: 'user', content: GRACE },
      { role: 'assistant', content: 'Nice to meet you, Grace!' },
      { role: 'user', content: NAME_QUESTION },
    ]);
    await app.screenshot(page, 'message-branches');

    await prompts.first().getByRole('button', { name: 'Previous version' }).click();
    await expect(prompts.first().getByTestId('version-counter')).toHaveText('1 / 2');
    await expect(prompts.first().locator('.user-text')).toHaveText(INTRODUCTION);
    await expect(app.answerText(page)).toHaveText(NAME_ANSWER);
    await prompts.first().getByRole('button', { name: 'Next version' }).click();
    await expect(prompts.first().getByTestId('version-counter')).toHaveText('2 / 2');
    await expect(app.answerText(page)).toHaveText('Your name is Grace.');

    // Regenerate adds a version of the answer; the earlier one stays one click away.
    await app.answer(page).getByRole('button', { name: 'Regenerate' }).click();
    await expect(app.answer(page).getByTestId('version-counter')).toHaveText('2 / 2', { timeout: 60_000 });
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    await app.answer(page).getByRole('button', { name: 'Previous version' }).click();
    await expect(app.answer(page).getByTestId('version-counter')).toHaveText('1 / 2');
    await expect(app.answerText(page)).toHaveText('Your name is Grace.');

    // The page reloaded: the branch on screen is the one stored.
    await page.reload();
    await expect(prompts.first().getByTestId('version-counter')).toHaveText('2 / 2');
    await expect(app.answer(page).getByTestId('version-counter')).toHaveText('1 / 2');
  });

  test('Copy message puts an answer and a prompt on the clipboard', async ({ page, webMode, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const host = await webMode.start({ demoPace: 400 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await app.send(page, INTRODUCTION);
    await expect(app.answerText(page)).toHaveText(INTRODUCTION_ANSWER, { timeout: 60_000 });
    await app.answer(page).getByRole('button', { name: 'Copy message' }).click();
    await expect(app.answer(page).getByRole('button', { name: 'Copy message' })).toContainText('Copied');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(INTRODUCTION_ANSWER);
    await page
      .getByRole('listitem', { name: 'Your message' })
      .getByRole('button', { name: 'Copy message' })
      .click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(INTRODUCTION);
  });
});
