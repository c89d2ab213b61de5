import { FAULT_KINDS, type FaultKind, faultFits } from './faults';
import type { Random } from './random';

export type Channel = 'host' | 'cli';

export interface PlannedRun {
  readonly index: number;
  readonly channel: Channel;
  readonly fault?: FaultKind;
  /** Letters only, in the prompt: model faults aim at it. */
  readonly tag: string;
  readonly prompt: string;
}

const long = (tag: string) => [
  `Write a detailed day-by-day travel plan for a 7-day trip to Japan. [${tag}]`,
  `reply with 160 tokens [${tag}]`,
];
const short = (tag: string) => [`Hello from remote agent! [${tag}]`, `What is 12 * 7? [${tag}]`];

/**
 * The soak's runs: every other one takes a fault, the kinds in turn (so each kind comes equally often),
 * in random order; faulted runs stream long answers so the fault lands mid-answer.
 */
export function planRuns(count: number, cliShare: number, random: Random): PlannedRun[] {
  const faults: (FaultKind | undefined)[] = Array.from({ length: count }, (_, index) =>
    index % 2 === 0 ? FAULT_KINDS[(index / 2) % FAULT_KINDS.length] : undefined,
  );
  return random.shuffled(faults).map((fault, index) => {
    const tag = random.tag();
    const preferred: Channel = random.next() < cliShare ? 'cli' : 'host';
    const channel =
      fault && !faultFits(fault, preferred) ? (preferred === 'cli' ? 'host' : 'cli') : preferred;
    const prompt = random.pick(fault ? long(tag) : [...long(tag), ...short(tag)]);
    return { index, channel, tag, prompt, ...(fault ? { fault } : {}) };
  });
}
