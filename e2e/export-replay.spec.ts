import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { buildConversationExport, parseConversationExport } from 'durable-agent';
import { app } from './support/app-page';
import { outputPaths } from './support/output-paths';
import { expect, test } from './support/web-mode-test';

/** The screenshots the README shows live in docs/screenshots. */
async function documentScreenshot(page: Page, name: string): Promise<void> {
  const folder = path.join(outputPaths.root, 'docs', 'screenshots');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`) });
}

/** An export of a real recorded run whose worker was killed -9 mid-answer (attempt 2 finished it). */
function retriedRunExport(): string {
  const log = JSON.parse(
    readFileSync(
      path.join(outputPaths.root, 'packages', 'agent', 'test', 'fixtures', 'run-logs', 'kill-9-retry.json'),
      'utf8',
    ),
  );
  const { result } = log;
  const start = Date.parse('2026-01-01T10:00:00Z');
  const events = log.events.map((event: object, index: number) => ({
    ...event,
    timestamp: start + index * 40,
  }));
  const document = buildConversationExport(
    { id: 'recorded', title: 'Japan after a kill -9' },
    [{ role: 'user', content: log.prompt }, ...result.messages],
    [
      {
        runId: events[0].runId,
        workflowId: `assistant/recorded/${events[0].runId}`,
        prompt: log.prompt,
        status: result.status,
        attempts: result.attempts,
        rounds: result.rounds,
        usage: result.usage,
        usageByAttempt: result.usageByAttempt,
        workers: [
          { activity: 'invokeModelStreaming', attempt: 1, worker: 'worker-1@host:101', outcome: 'failed' },
          { activity: 'invokeModelStreaming', attempt: 2, worker: 'worker-2@host:202', outcome: 'completed' },
        ],
        events,
        subAgents: [],
      },
    ],
  );
  return JSON.stringify(document);
}

test.describe('export, import and replay', () => {
  test('a sub-agent answer shows a nested block; the conversation downloads as JSON with its event logs', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start();
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await app.send(page, 'Research Temporal.');
    await expect(app.answerText(page).last()).toContainText('The researcher reports:', { timeout: 60_000 });
    const block = app.answer(page).getByRole('group', { name: 'Sub-agent researcher' });
    await expect(block).toContainText('completed');
    await block.locator('summary').click();
    await expect(block).toContainText('Three facts about Temporal:');
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
    await documentScreenshot(page, 'sub-agent-answer');
    const item = page.locator('.conversation-item.is-selected');
    await item.hover();
    const downloading = page.waitForEvent('download');
    await item.getByRole('button', { name: /^Export .*…$/ }).click();
    await item.getByRole('button', { name: /^Export .* as JSON$/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const exported = parseConversationExport(readFileSync((await download.path())!, 'utf8'));
    expect(exported.runs[0]?.subAgents[0]?.agentName).toBe('researcher');
    expect(exported.runs[0]?.events.at(-1)?.type).toBe('RUN_FINISHED');
  });

  test('an imported run with a retry replays with both attempts in its timeline', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start();
    await app.open(page, host.url);
    await page.getByLabel('Import file').setInputFiles({
      name: 'japan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(retriedRunExport()),
    });
    await expect(page.getByRole('note')).toContainText('imported and is read-only');
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    await expect(app.timeline(page)).toContainText('model call, attempt 2, started on worker-2@host:202');

    await app.answer(page).getByRole('button', { name: 'Replay' }).click();
    const replay = page.getByRole('dialog', { name: 'Replay' });
    await replay.getByRole('button', { name: '16×' }).click();
    await expect(replay.getByTestId('replay-state')).toHaveText('finished · completed', { timeout: 30_000 });
    const timeline = replay.getByRole('list', { name: 'Replay timeline' });
    await expect(timeline).toContainText('model call started');
    await expect(timeline).toContainText('attempt 2 replaces attempt 1');
    await expect(timeline).toContainText('model call, attempt 2, started');
    await expect(replay.getByTestId('answer-text')).toContainText('Day 7');
    await documentScreenshot(page, 'replay');
  });

  test('a file that is not an export is refused with a clear message and imports nothing', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start();
    await app.open(page, host.url);
    await page.getByLabel('Import file').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"notes": []}'),
    });
    await expect(page.getByText(/Import failed: .*not a durable-agent conversation export/)).toBeVisible();
    await expect(page.locator('.conversation-item')).toHaveCount(0);
  });
});
