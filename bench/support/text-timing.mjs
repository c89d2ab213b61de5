import { p95, round } from './stats.mjs';

/**
 * How a follower saw a reply's text, against the model's emission of it. `updates` are the follower's
 * visible text changes ([{ at, length }], wall-clock ms), `emissions` the model's ([{ at, length }]).
 * Gaps: the time between consecutive visible updates while the text streamed. Behind: for each piece the
 * model emitted, how long until the follower showed text at least that long.
 */
export function textTiming(updates, emissions) {
  const gapsMs = updates.slice(1).map((update, index) => update.at - updates[index].at);
  const behindMs = [];
  let shown = 0;
  for (const emission of emissions) {
    while (shown < updates.length && updates[shown].length < emission.length) shown++;
    if (shown === updates.length) break;
    behindMs.push(Math.max(0, updates[shown].at - emission.at));
  }
  return { gapsMs, behindMs };
}

/** p95 of the gaps and of the lag, pooled over many followers' timings. */
export function textTimingSummary(timings) {
  const gaps = timings.flatMap((timing) => timing.gapsMs);
  const behind = timings.flatMap((timing) => timing.behindMs);
  return {
    gapP95Ms: round(p95(gaps)),
    behindModelP95Ms: round(p95(behind)),
    updates: gaps.length + timings.length,
  };
}
