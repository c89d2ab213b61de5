import { patched } from '@temporalio/workflow';
import type { AgentRunInput } from '../common/types';

/** The first run format (`AgentRunInput.format`) whose runs have the start-of-run features without patches. */
const FEATURES_WITHOUT_PATCHES_FROM_FORMAT = 2;
/** The first run format whose workflow publishes a fresh model call's start itself (see `live-reservation.ts`). */
const CALL_STARTS_FROM_WORKFLOW_FROM_FORMAT = 3;

/**
 * Whether the run has a feature that runs mark with a `patched()` at their start: always in a run of format
 * 2 or later (its input says so, and no marker is recorded), else as its history recorded it. The threshold
 * stays 2 whatever `RUN_FORMAT` becomes: a run replays by the format it was started with.
 */
export function hasStartFeature(input: Pick<AgentRunInput, 'format'>, patchId: string): boolean {
  return (input.format ?? 1) >= FEATURES_WITHOUT_PATCHES_FROM_FORMAT || patched(patchId);
}

/** Whether the workflow publishes its fresh model calls' starts (format 3 and later; never by a patch). */
export function startsCallsItself(input: Pick<AgentRunInput, 'format'>): boolean {
  return (input.format ?? 1) >= CALL_STARTS_FROM_WORKFLOW_FROM_FORMAT;
}
