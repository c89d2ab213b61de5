import { app } from './support/app-page';
import { TRAVEL_PLAN, TRAVEL_PLAN_END } from './support/prompts';
import { answerTextUpdates, percentile, watchAnswerText } from './support/text-updates';
import { expect, test } from './support/web-mode-test';

test.describe('live text', () => {
  test('the answer grows in many small steps as the model writes it, not in 0.8 s batches', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 50 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await watchAnswerText(page);

    await app.send(page, TRAVEL_PLAN);
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    await expect(app.answerText(page)).toContainText(TRAVEL_PLAN_END);

    const updates = await answerTextUpdates(page);
    // While it streams: from its first text to its last (the complete answer is re-rendered once more).
    const streaming = updates.filter((update) => update.length > 0);
    const gaps = streaming.slice(1).map((update, index) => update.at - streaming[index]!.at);
    const steps = streaming.slice(1).map((update, index) => update.length - streaming[index]!.length);
    const gapP95 = percentile(gaps, 0.95);
    console.log(
      `answer text: ${streaming.length} updates, gap p50 ${percentile(gaps, 0.5)} ms, p95 ${gapP95} ms, step p50 ${percentile(steps, 0.5)} characters`,
    );
    // The log's 800 ms batches would make ~17 updates of ~108 characters for this answer.
    expect(streaming.length).toBeGreaterThan(100);
    expect(percentile(steps, 0.5)).toBeLessThan(30);
    expect(gapP95).toBeLessThanOrEqual(250);
  });
});
