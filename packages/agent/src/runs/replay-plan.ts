import type { AgentEvent } from '../common/events';
import { applyRunEvent } from './apply-run-event';
import { EMPTY_RUN_VIEW, type RunView } from './run-view';

/** One step of a replay: the event, how long to wait before it, and the run's view once it is applied. */
export interface ReplayStep {
  readonly event: AgentEvent;
  readonly delayMs: number;
  readonly view: RunView;
}

/** How fast a recorded run is replayed, and how long its pauses may last. */
export interface ReplayOptions {
  /** 1 = the recorded pace, 4 = four times faster; default 1. */
  readonly speed?: number;
  /** A longer recorded pause (a worker that was down, an approval that waited) is cut to this; default 2 s. */
  readonly maxPauseMs?: number;
}

/**
 * Plans the replay of a finished run's recorded events: each waits for the recorded gap since the one
 * before (its AG-UI `timestamp`), divided by `speed`, and moves the view on with the same reducer a live
 * run uses — so the last step's view is the run's view, attempts and resets included.
 */
export function planReplay(events: readonly AgentEvent[], options: ReplayOptions = {}): ReplayStep[] {
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const maxPauseMs = options.maxPauseMs ?? 2000;
  const steps: ReplayStep[] = [];
  let view = EMPTY_RUN_VIEW;
  let previous: number | undefined;
  for (const event of events) {
    const at = typeof event.timestamp === 'number' ? event.timestamp : previous;
    const gap = at !== undefined && previous !== undefined ? Math.max(0, at - previous) : 0;
    previous = at ?? previous;
    view = applyRunEvent(view, event);
    steps.push({ event, delayMs: Math.min(gap, maxPauseMs) / speed, view });
  }
  return steps;
}

/** A replay in progress: `stop()` ends it early; `done` settles when it has played or was stopped. */
export interface ReplayPlayback {
  /** Stops the replay where it is. */
  stop(): void;
  readonly done: Promise<void>;
}

/** Plays planned steps with timers, calling `onStep` with each; browser- and Node-safe. */
export function playReplay(steps: readonly ReplayStep[], onStep: (step: ReplayStep) => void): ReplayPlayback {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const play = (index: number) => {
    const step = steps[index];
    if (step === undefined) return finish();
    timer = setTimeout(() => {
      onStep(step);
      play(index + 1);
    }, step.delayMs);
  };
  play(0);
  return {
    stop() {
      clearTimeout(timer);
      finish();
    },
    done,
  };
}
