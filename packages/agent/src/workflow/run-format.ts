import { patched } from '@temporalio/workflow';
import type { AgentRunInput } from '../common/types';

/** The first run format (`AgentRunInput.format`) whose runs have the start-of-run features without patches. */
const FEATURES_WITHOUT_PATCHES_FROM_FORMAT = 2;

/**
 * Whether the run has a feature that runs mark with a `patched()` at their start: always in a run of format
 * 2 or later (its input says so, and no marker is recorded), else as its history recorded it. The threshold
 * stays 2 whatever `RUN_FORMAT` becomes: a run replays by the format it was started with.
 */
export function hasStartFeature(input: Pick<AgentRunInput, 'format'>, patchId: string): boolean {
  return (input.format ?? 1) >= FEATURES_WITHOUT_PATCHES_FROM_FORMAT || patched(patchId);
}
