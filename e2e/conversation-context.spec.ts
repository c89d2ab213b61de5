import { app } from './support/app-page';
import {
  HELLO,
  HELLO_ANSWER,
  INTRODUCTION,
  INTRODUCTION_ANSWER,
  NAME_ANSWER,
  NAME_QUESTION,
} from './support/prompts';
import { expect, test } from './support/web-mode-test';
import { readWorkflowInput } from './support/workflow-input';

test.describe('conversation context', () => {
  test('the third turn of a conversation is answered from the first two, which its workflow input holds in order', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 200 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    const answers: string[] = [];
    for (const [prompt, expected] of [
      [HELLO, HELLO_ANSWER],
      [INTRODUCTION, INTRODUCTION_ANSWER],
      [NAME_QUESTION, NAME_ANSWER],
    ] as const) {
      await app.send(page, prompt);
      await expect(page.getByRole('listitem', { name: 'Agent answer' })).toHaveCount(answers.length + 1);
      await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
      await expect(app.answerText(page)).toHaveText(expected);
      answers.push(expected);
    }
    await expect(app.runState(page)).toHaveText('completed');
    await app.screenshot(page, 'conversation-context');

    // The panel shows the latest run's workflow id, the full id in its title: assistant/<conversation>/<run>.
    const workflowId = await page
      .getByRole('region', { name: 'Current run' })
      .locator('.workflow-id')
      .getAttribute('title');
    expect(workflowId).toMatch(/^assistant\/[^/]+\/[^/]+$/);

    const address = process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS!;
    const input = await readWorkflowInput(address, workflowId!);
    expect(input.messages.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: 'user', content: HELLO },
      { role: 'assistant', content: HELLO_ANSWER },
      { role: 'user', content: INTRODUCTION },
      { role: 'assistant', content: INTRODUCTION_ANSWER },
      { role: 'user', content: NAME_QUESTION },
    ]);
    const [, conversationId, runId] = workflowId!.split('/');
    expect(input.threadId).toBe(conversationId);
    expect(input.runId).toBe(runId);
  });
});
