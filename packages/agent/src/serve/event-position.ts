/**
 * Where an SSE event sits in a run's log, as its `id:` says. One log event (seq) usually becomes one
 * AG-UI event with `id: <seq>`. When it becomes several (a retried attempt ends the abandoned message and
 * sends a snapshot), all but the last carry `id: <seq>.<part>`; `<seq>` always means "everything of that
 * log event". A `Last-Event-ID` resumes right after the position it names.
 */
export interface EventPosition {
  readonly seq: number;
  /** 1, 2, … for the parts before the last; Infinity for the last part (the whole log event). */
  readonly part: number;
}

export function formatPosition({ seq, part }: EventPosition): string {
  return part === Number.POSITIVE_INFINITY ? String(seq) : `${seq}.${part}`;
}

/** Reads a `Last-Event-ID`; undefined when it is not one of ours (then the client gets the whole run). */
export function parsePosition(text: string | undefined): EventPosition | undefined {
  const match = /^\s*(\d{1,15})(?:\.(\d{1,6}))?\s*$/.exec(text ?? '');
  if (!match) return undefined;
  return {
    seq: Number(match[1]),
    part: match[2] === undefined ? Number.POSITIVE_INFINITY : Number(match[2]),
  };
}

/** True when `position` comes after `after` (nothing is after undefined's "before the start"). */
export function isAfter(position: EventPosition, after: EventPosition | undefined): boolean {
  if (after === undefined) return true;
  return position.seq > after.seq || (position.seq === after.seq && position.part > after.part);
}
