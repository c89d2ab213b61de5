import type { Page } from '@playwright/test';
import { app } from './support/app-page';
import { TRAVEL_PLAN } from './support/prompts';
import { expect, test } from './support/web-mode-test';

const CALCULATION = 'call tool calculator with {"expression": "6 * 7"}';

const inbox = (page: Page) => page.getByRole('region', { name: 'Run inbox' });
const inboxRun = (page: Page, title: RegExp) => inbox(page).getByRole('listitem', { name: title });

async function startConversation(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await app.send(page, text);
  await expect(page.getByRole('listitem', { name: 'Agent answer' })).toHaveCount(1);
}

test.describe('run inbox', () => {
  test('lists the runs open in every conversation, across a host restart; open, Stop and Approve from there', async ({
    page,
    webMode,
  }) => {
    const settings = { approvalPolicy: 'require-all' };
    const first = await webMode.start({ demoPace: 8, settings });
    await app.open(page, first.url);
    await app.waitForWorker(page, 'ready');
    await startConversation(page, TRAVEL_PLAN);
    await startConversation(page, `Second: ${TRAVEL_PLAN}`);
    await startConversation(page, CALCULATION);

    const plan = inboxRun(page, /^Write a detailed day-by-day travel plan/);
    const secondPlan = inboxRun(page, /^Second: /);
    const calculation = inboxRun(page, /^call tool calculator/);
    await expect(inbox(page).getByRole('listitem')).toHaveCount(3);
    await expect(plan.getByTestId('inbox-run-state')).toHaveText(/streaming/, { timeout: 30_000 });
    await expect(secondPlan.getByTestId('inbox-run-state')).toHaveText(/streaming/, { timeout: 30_000 });
    await expect(calculation.getByTestId('inbox-run-state')).toHaveText('waiting for approval', {
      timeout: 30_000,
    });
    // The open conversation's tool card says what the call waits for.
    await expect(page.getByRole('listitem', { name: 'Tool call calculator' })).toContainText(
      'waiting for approval',
    );
    await app.screenshot(page, 'run-inbox');

    // The host goes away and a new one starts on the same data folder: the inbox is read from the durable runs.
    await first.stop();
    const second = await webMode.start({ demoPace: 8 });
    await app.open(page, second.url);
    await expect(inbox(page).getByRole('listitem')).toHaveCount(3, { timeout: 30_000 });
    await expect(calculation.getByTestId('inbox-run-state')).toHaveText('waiting for approval', {
      timeout: 60_000,
    });
    await expect(plan.getByTestId('inbox-run-state')).toHaveText(/streaming/, { timeout: 60_000 });
    await expect(plan).toContainText(/\d+s/);

    await plan.getByRole('button', { name: /^Open / }).click();
    await expect(
      page.getByRole('heading', { name: /^Write a detailed day-by-day travel plan/ }),
    ).toBeVisible();
    await expect(app.answerText(page)).toContainText('Day 1');

    await secondPlan.getByRole('button', { name: 'Stop' }).click();
    await expect(secondPlan).toBeHidden({ timeout: 30_000 });
    await calculation.getByRole('button', { name: 'Approve' }).click();
    await expect(calculation).toBeHidden({ timeout: 60_000 });
    await expect(inbox(page).getByRole('listitem')).toHaveCount(1);
    await page
      .getByRole('list', { name: 'Conversation list' })
      .getByRole('button', { name: /^call tool calculator/ })
      .click();
    await expect(app.answerText(page)).toContainText('42', { timeout: 60_000 });
  });
});
