/**
 * Where an SSE event sits in a run's log, as its `id:` says. One log event (seq) usually becomes one
 * AG-UI event with `id: <seq>`. When it becomes several (a retried attempt ends the abandoned message and
 * sends a snapshot), all but the last carry `id: <seq>.<part>`; `<seq>` always means "everything of that
 * log event". Text read live from the worker comes between log events: its id is `<seq>+<characters>` —
 * everything up to log event `<seq>`, and the open message's text up to `<characters>` (the suffix also
 * marks a log event's id when the client has more of the open message than the log had then). A
 * `Last-Event-ID` resumes right after the position it names.
 */
export interface EventPosition {
  readonly seq: number;
  /** 1, 2, … for the parts before the last; Infinity for the last part (the whole log event). */
  readonly part: number;
  /** How much of the open message's text the client has, when more than the log had at `seq`. */
  readonly characters?: number;
}

export function formatPosition({ seq, part, characters }: EventPosition): string {
  const suffix = characters === undefined ? '' : `+${characters}`;
  return `${part === Number.POSITIVE_INFINITY ? String(seq) : `${seq}.${part}`}${suffix}`;
}

/** Reads a `Last-Event-ID`; undefined when it is not one of ours (then the client gets the whole run). */
export function parsePosition(text: string | undefined): EventPosition | undefined {
  const match = /^\s*(\d{1,15})(?:\.(\d{1,6}))?(?:\+(\d{1,12}))?\s*$/.exec(text ?? '');
  if (!match) return undefined;
  return {
    seq: Number(match[1]),
    part: match[2] === undefined ? Number.POSITIVE_INFINITY : Number(match[2]),
    ...(match[3] === undefined ? {} : { characters: Number(match[3]) }),
  };
}

/** True when `position` comes after `after` (nothing is after undefined's "before the start"). */
export function isAfter(position: EventPosition, after: EventPosition | undefined): boolean {
  if (after === undefined) return true;
  return position.seq > after.seq || (position.seq === after.seq && position.part > after.part);
}
