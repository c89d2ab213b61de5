import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { app } from './support/app-page';
import { freeTemporalPort } from './support/free-port';
import { expect, test } from './support/web-mode-test';

/** A workflow start whose input is over Temporal's 2 MB size warning limit: the server logs a WARN. */
async function startOversizedWorkflow(address: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await new Client({ connection }).workflow
      .start('oversized', {
        taskQueue: 'temporal-log',
        workflowId: 'oversized',
        args: ['x'.repeat(2_300_000)],
      })
      .catch(() => undefined); // refused: over the 2 MB limit as well
  } finally {
    await connection.close();
  }
}

test.describe("the Temporal card: the embedded server's own log", () => {
  test('shows one line once Temporal warns: how many warnings and errors, the last one, where the log file is', async ({
    page,
    webMode,
  }) => {
    test.setTimeout(120_000);
    const port = await freeTemporalPort();
    const host = await webMode.start({ embeddedTemporalPort: port });
    await app.open(page, host.url, 60_000);
    const summary = app.temporal(page).getByTestId('temporal-log-summary');
    await expect(summary).toHaveCount(0);

    await startOversizedWorkflow(`127.0.0.1:${port}`);
    const file = path.join(webMode.dataDir, 'temporal.log');
    await expect(summary).toHaveText(
      /^Temporal logged [1-9]\d* warnings? and \d+ errors? — last: .+ \(full log: .+\)$/,
      { timeout: 30_000 },
    );
    await expect(summary).toContainText('— last: Blob data size exceeds the warning limit.'); // reported at once
    await expect(summary).toContainText(`(full log: ${file})`);
    await expect(app.temporal(page).getByText('connected')).toBeVisible(); // a warning is not an outage
  });
});
