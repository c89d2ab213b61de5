import { describe, expect, it } from 'vitest';
import { timelineDraftOf } from '../../src/host/timeline/timeline-lines';

describe("the app's run timeline", () => {
  it("has a line, in the library's words, where a run continued as new", () => {
    expect(
      timelineDraftOf({
        seq: 57,
        kind: 'continued-as-new',
        temporalRun: 3,
        historyEvents: 4_112,
        historyBytes: 1_468_006,
        reason: 'temporal-suggested',
      }),
    ).toEqual({
      kind: 'continued',
      detail: 'continued as new in Temporal run 3 after 4112 history events (1.4 MB; Temporal suggested it)',
    });
  });
});
