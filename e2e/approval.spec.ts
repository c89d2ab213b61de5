import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

test.describe('approvals', () => {
  test('a tool call waiting for approval is still there after a worker restart, and approving it finishes the answer', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 80, settings: { approvalPolicy: 'require-all' } });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await app.send(page, 'call tool calculator with {"expression": "6 * 7"}');
    const approval = page.getByRole('region', { name: 'Approval for calculator' });
    await expect(approval).toContainText('"expression": "6 * 7"');
    await expect(app.runState(page)).toHaveText('waiting for approval');

    const worker = app.worker(page);
    const pid = (await worker.getByText(/pid \d+/).textContent()) ?? '';
    await worker.getByRole('button', { name: 'Restart Worker 1' }).click();
    await expect(worker.getByText(/pid \d+/)).not.toHaveText(pid, { timeout: 60_000 });
    await app.waitForWorker(page, 'ready');
    await page.reload();
    await expect(approval).toBeVisible();
    await app.screenshot(page, 'approval-after-worker-restart');

    await approval.getByRole('button', { name: 'Approve' }).click();
    await expect(approval).toBeHidden();
    const answer = app.answer(page);
    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    await expect(app.answerText(page)).toContainText('42');
    await expect(app.timeline(page).locator('[data-kind="approval-answered"]')).toContainText('approved');
    await app.screenshot(page, 'approval-answered');
  });
});
