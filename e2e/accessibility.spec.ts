import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { buildConversationExport } from 'durable-agent';
import { expectNoSeriousViolations } from './support/accessibility';
import { app } from './support/app-page';
import { outputPaths } from './support/output-paths';
import { expect, test } from './support/web-mode-test';

/** An export of a recorded run whose worker was killed -9 mid-answer: attempt 2 finished it. */
function retriedRunExport(): string {
  const file = path.join(outputPaths.root, 'packages/agent/test/fixtures/run-logs/kill-9-retry.json');
  const log = JSON.parse(readFileSync(file, 'utf8'));
  const events = log.events.map((event: object, index: number) => ({
    ...event,
    timestamp: 1_767_261_600_000 + index * 40,
  }));
  const runId = events[0].runId;
  return JSON.stringify(
    buildConversationExport(
      { id: 'recorded', title: 'Japan after a kill -9' },
      [{ role: 'user', content: log.prompt }, ...log.result.messages],
      [
        {
          runId,
          workflowId: `assistant/recorded/${runId}`,
          prompt: log.prompt,
          status: log.result.status,
          attempts: log.result.attempts,
          rounds: log.result.rounds,
          usage: log.result.usage,
          usageByAttempt: log.result.usageByAttempt,
          workers: [],
          events,
          subAgents: [],
        },
      ],
    ),
  );
}

/** Opens a dialog from `opener`, checks it, closes it with Esc: focus is back on `opener`. */
async function checkDialog(page: Page, opener: ReturnType<Page['getByRole']>, name: string, screen: string) {
  await opener.click();
  await expect(page.getByRole('dialog', { name })).toBeVisible();
  await expectNoSeriousViolations(page, screen);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name })).toBeHidden();
  await expect(opener).toBeFocused();
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation on the main screens (${theme} theme)`, async ({
    page,
    webMode,
  }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: theme });
    const host = await webMode.start({ demoPace: 400 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await expectNoSeriousViolations(page, `the empty main screen (${theme})`);

    // A conversation with a sub-agent and a tool call.
    await app.send(page, 'Research Temporal.');
    await expect(app.answerText(page).last()).toContainText('The researcher reports:', { timeout: 60_000 });
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
    await app.send(page, 'call tool calculator with {"expression": "6 * 7"}');
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    await expect(app.answer(page).getByRole('listitem', { name: 'Tool call calculator' })).toBeVisible();
    await expectNoSeriousViolations(page, `a conversation with a sub-agent and a tool call (${theme})`);

    await checkDialog(
      page,
      page.getByRole('button', { name: 'Settings', exact: true }),
      'Settings',
      `Settings (${theme})`,
    );
    await checkDialog(
      page,
      page.getByRole('button', { name: 'Scenario guide' }),
      'Scenario guide',
      `the guide (${theme})`,
    );
    await page.getByRole('button', { name: 'Scenario guide' }).click();
    await page.getByRole('button', { name: /^Scenario 4a:/ }).click();
    await expect(page.getByRole('region', { name: 'Scenario 4a' })).toBeVisible();
    await expectNoSeriousViolations(page, `a scenario walkthrough (${theme})`);

    // An imported conversation whose run was retried, and its replay.
    await page.getByLabel('Import file').setInputFiles({
      name: 'japan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(retriedRunExport()),
    });
    await expect(app.timeline(page)).toContainText('model call, attempt 2, started');
    await expectNoSeriousViolations(page, `an imported conversation with a retry (${theme})`);
    const replayButton = app.answer(page).getByRole('button', { name: 'Replay' });
    await replayButton.click();
    const replay = page.getByRole('dialog', { name: 'Replay' });
    await replay.getByRole('button', { name: '16×' }).click();
    await expect(replay.getByTestId('replay-state')).toHaveText('finished · completed', { timeout: 30_000 });
    await expectNoSeriousViolations(page, `replay (${theme})`);
    await page.keyboard.press('Escape');
    await expect(replayButton).toBeFocused();
  });
}

test('no serious or critical axe violation while a run is open: the run inbox, Stop and an approval question, in both themes', async ({
  page,
  webMode,
}) => {
  test.setTimeout(120_000);
  const host = await webMode.start({ demoPace: 400, settings: { approvalPolicy: 'require-all' } });
  await app.open(page, host.url);
  await app.waitForWorker(page, 'ready');
  await app.send(page, 'call tool calculator with {"expression": "6 * 7"}');
  const inbox = page.getByRole('region', { name: 'Run inbox' });
  await expect(inbox.getByRole('button', { name: 'Approve' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTitle('Stop the answer (Esc)')).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectNoSeriousViolations(page, `a run waiting for approval (${theme})`);
  }
  await inbox.getByRole('button', { name: 'Approve' }).click();
  await expect(inbox).toBeHidden({ timeout: 60_000 });
  await expect(app.answerText(page)).toContainText('42');
});

test('the conversation list is one tab stop; arrow keys move between conversations', async ({
  page,
  webMode,
}) => {
  const host = await webMode.start({ demoPace: 400 });
  await app.open(page, host.url);
  await app.waitForWorker(page, 'ready');
  for (const text of ['First conversation', 'Second conversation', 'Third conversation']) {
    await page.getByRole('button', { name: 'New conversation' }).click();
    await app.send(page, text);
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
  }
  const list = page.getByRole('list', { name: 'Conversation list' });
  const items = list.locator('.conversation-select[tabindex="0"]');
  await expect(items).toHaveCount(1);
  await items.first().focus();
  await expect(page.locator(':focus')).toContainText('Third conversation');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toContainText('Second conversation');
  await page.keyboard.press('End');
  await expect(page.locator(':focus')).toContainText('First conversation');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'First conversation' })).toBeVisible();
  // Opening a conversation puts the cursor in its prompt box; the list's one tab stop is now that one.
  await items.first().focus();
  await expect(page.locator(':focus')).toContainText('First conversation');
  await page.keyboard.press('Home');
  await expect(page.locator(':focus')).toContainText('Third conversation');
  await expect(list.locator('.conversation-select[tabindex="0"]')).toHaveCount(1);
});

test('Settings sections are tabs: one tab stop, arrow keys select, each controls its panel', async ({
  page,
  webMode,
}) => {
  const host = await webMode.start();
  await app.open(page, host.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const general = page.getByRole('tab', { name: 'General' });
  await expect(general).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'General' })).toBeVisible();
  await general.focus();
  await page.keyboard.press('ArrowRight');
  const profiles = page.getByRole('tab', { name: 'Model profiles' });
  await expect(profiles).toBeFocused();
  await expect(profiles).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Model profiles' })).toBeVisible();
  await expect(page.getByRole('tablist').locator('[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const temporal = page.getByRole('tab', { name: 'Temporal connection' });
  await expect(temporal).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Temporal connection' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Tools (MCP servers)' })).toBeFocused();
});
