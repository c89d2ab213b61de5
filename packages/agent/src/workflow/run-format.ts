import { patched } from '@temporalio/workflow';
import { RUN_FORMAT } from '../common/names';
import type { AgentRunInput } from '../common/types';

/**
 * Whether the run has a feature that runs mark with a `patched()` at their start: always in a run of the
 * current format (its input says so, and no marker is recorded), else as its history recorded it.
 */
export function hasStartFeature(input: Pick<AgentRunInput, 'format'>, patchId: string): boolean {
  return (input.format ?? 1) >= RUN_FORMAT || patched(patchId);
}
