import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/agent/test/support/free-port';
import { TemporalService } from '../../src/host/temporal/temporal-service';
import type { TemporalStatus } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { waitUntil } from './support/wait-until';

const directory = temporaryDirectory('temporal-log');
afterAll(() => directory.remove());

/** A workflow start whose input is over Temporal's 2 MB size warning limit: the server logs a WARN. */
async function startOversizedWorkflow(address: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    await client.workflow
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

describe("the embedded Temporal's own log", () => {
  it('goes to temporal.log in the data folder, and the status (the Temporal card) and the terminal get one line about its warnings', async () => {
    const statuses: TemporalStatus[] = [];
    const lines: string[] = [];
    const service = new TemporalService({
      dataDir: directory.path,
      target: { kind: 'embedded', port: await freePort(), uiPort: await freePort() },
      onStatus: (status) => statuses.push(status),
      onLog: (line) => lines.push(line),
    });
    try {
      const address = await service.ready;
      expect(service.status().logSummary).toBeUndefined();
      await startOversizedWorkflow(address);

      const file = path.join(directory.path, 'temporal.log');
      const summary = await waitUntil(() => service.status().logSummary, 'a log summary in the status');
      expect(summary).toMatch(
        /^Temporal logged [1-9]\d* warnings? and \d+ errors? — last: .+ \(full log: .+\)$/,
      );
      expect(summary.endsWith(`(full log: ${file})`)).toBe(true);
      // The first warning is reported at once: the size warning itself.
      expect(statuses.map((status) => status.logSummary).find(Boolean)).toBe(
        `Temporal logged 1 warning and 0 errors — last: Blob data size exceeds the warning limit. (full log: ${file})`,
      );
      expect(lines).toContain(statuses.map((status) => status.logSummary).find(Boolean));
      expect(service.status().state).toBe('ready'); // a warning is not an outage
      expect(readFileSync(file, 'utf8')).toMatch(
        /level=WARN msg="Blob data size exceeds the warning limit\."/,
      );
    } finally {
      await service.close();
    }
  }, 120_000);
});
