import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workflowBundleOption } from '../src/worker/workflow-bundle';

describe('the workflow bundle', () => {
  // A worker evaluates the workflow's modules again for every run it starts, on its one workflow thread:
  // schemas built at import time (zod, @ag-ui/core) cost every run milliseconds there. Workflow code
  // builds events with common/event-builders.ts, not the validating common/events.ts.
  it('does not include zod or the AG-UI schemas', async () => {
    const option = await workflowBundleOption();
    const code = 'code' in option ? option.code : readFileSync(option.codePath, 'utf8');
    expect(code).not.toMatch(/node_modules\/zod\//);
    expect(code).not.toMatch(/node_modules\/@ag-ui\//);
  });
});
