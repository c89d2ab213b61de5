/**
 * Joins a content delta into a message's text by its offset, so text read live from the worker and text
 * read from the run's log meet exactly, whichever comes first and however often each repeats:
 * - a delta without offset (runs recorded before offsets) is appended, as it always was;
 * - a delta the text already holds is ignored; one that overlaps the end adds only what is beyond;
 * - a delta that disagrees with the text there replaces it from its offset — when it comes from the log,
 *   the truth; a live delta that disagrees is ignored;
 * - a delta that starts past the end (live text the follower has a gap before) is ignored when live; from
 *   the log it is appended.
 */
export function joinMessageText(
  text: string,
  delta: { readonly delta: string; readonly offset?: number; readonly live?: true },
): string {
  const { offset } = delta;
  if (offset === undefined) return text + delta.delta;
  if (offset > text.length) return delta.live ? text : text + delta.delta;
  const end = offset + delta.delta.length;
  const held = text.slice(offset, end);
  if (delta.delta.startsWith(held)) return end <= text.length ? text : text.slice(0, offset) + delta.delta;
  return delta.live ? text : text.slice(0, offset) + delta.delta;
}
