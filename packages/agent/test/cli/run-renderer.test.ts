import { describe, expect, it } from 'vitest';
import { RunRenderer } from '../../src/cli/run-renderer';
import { type PrinterOutput, StreamPrinter } from '../../src/cli/stream-printer';
import {
  type AgentEvent,
  controlEvent,
  messageEvents,
  type PublishedEvent,
  runEvents,
} from '../../src/common/events';
import type { AgentRunResult } from '../../src/common/types';
import { applyRunEvent } from '../../src/runs/apply-run-event';
import { EMPTY_RUN_VIEW, type RunView } from '../../src/runs/run-view';
import { TerminalScreen } from './support/terminal-screen';

const context = { runId: 'run-1', threadId: 'conversation-1' };
const MESSAGE = 'run-1-1';
const COLUMNS = 20;
/** Attempt 1's text: lines that wrap on 20 columns, one exactly 20 wide (its wrap is pending). */
const LOST_TEXT =
  'Here is a detailed day-by-day plan for Japan...\nDay 1: Arrive Tokyo.\nDay 2: Explore Asak';
const ANSWER =
  'Here is a detailed day-by-day plan for Japan...\nDay 1: Arrive Tokyo.\nDay 2: Explore Asakusa.';
const USAGE = { promptTokens: 20, completionTokens: 30, totalTokens: 50 };

/** The events of a run whose first attempt was lost mid-stream, `attempts` attempts in all. */
function retriedRun(attempts: number): AgentEvent[] {
  const published: PublishedEvent[] = [runEvents.started(context)];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const reason = 'the worker shut down';
      published.push(controlEvent(context, 'attempt-reset', { messageId: MESSAGE, attempt, reason }));
    }
    published.push(messageEvents.start(context, MESSAGE, attempt));
    const text = attempt === attempts ? ANSWER : LOST_TEXT;
    for (let at = 0; at < text.length; at += 7) {
      published.push(messageEvents.content(context, MESSAGE, attempt, text.slice(at, at + 7)));
    }
  }
  published.push(messageEvents.end(context, MESSAGE, attempts));
  published.push(runEvents.finished(context, { status: 'completed', text: ANSWER, usage: USAGE }));
  return published.map((event, seq) => ({ ...event, seq }));
}

const result: AgentRunResult = {
  status: 'completed',
  text: ANSWER,
  messages: [{ role: 'assistant', content: ANSWER }],
  usage: USAGE,
  usageByAttempt: [],
  attempts: 2,
  rounds: 1,
};

/** An output that records what was written; `isTTY` and `columns` as a terminal (or a pipe) says. */
function output(terminal: { columns: number; rows?: number } | undefined): PrinterOutput & { text: string } {
  const recorded = {
    text: '',
    isTTY: terminal !== undefined,
    columns: terminal?.columns,
    rows: terminal?.rows,
    write(chunk: string) {
      recorded.text += chunk;
      return true;
    },
  };
  return recorded as unknown as PrinterOutput & { text: string };
}

/** Renders the run view by view, as FollowedRun's onEvent hands them over, between the stream markers. */
function render(events: readonly AgentEvent[], printer: StreamPrinter): void {
  const renderer = new RunRenderer({ printer });
  printer.line('--- stream start ---');
  let view: RunView = EMPTY_RUN_VIEW;
  for (const event of events) {
    view = applyRunEvent(view, event);
    renderer.show(view);
  }
  renderer.showEnding({ view, result });
  printer.line('--- stream end ---');
}

/** What a terminal shows for `text` written as plain lines. */
function screenOf(text: string, columns = COLUMNS): string[] {
  const screen = new TerminalScreen(columns);
  screen.write(text);
  return screen.lines();
}

const ENDING = '[complete]\n[usage] prompt=20 completion=30 total=50\n--- stream end ---\n';

describe('RunRenderer on a terminal', () => {
  it('erases the abandoned attempt at a reset, so the answer appears once after a dim [retry] line', () => {
    const terminal = output({ columns: COLUMNS, rows: 40 });
    render(retriedRun(2), new StreamPrinter(terminal));

    expect(screenOf(terminal.text)).toEqual(
      screenOf(`--- stream start ---\n[retry] attempt 2 — the worker shut down\n${ANSWER}\n${ENDING}`),
    );
    expect(terminal.text).toContain('\u001b[2m[retry] attempt 2 — the worker shut down\u001b[22m');
  });

  it('counts rows with the terminal width: a narrower terminal wraps more and is erased as well', () => {
    const terminal = output({ columns: 7, rows: 80 });
    render(retriedRun(2), new StreamPrinter(terminal));

    expect(screenOf(terminal.text, 7)).toEqual(
      screenOf(`--- stream start ---\n[retry] attempt 2 — the worker shut down\n${ANSWER}\n${ENDING}`, 7),
    );
  });

  it('shows only the latest [retry] line when an attempt is lost twice', () => {
    const terminal = output({ columns: COLUMNS, rows: 40 });
    render(retriedRun(3), new StreamPrinter(terminal));

    expect(screenOf(terminal.text)).toEqual(
      screenOf(`--- stream start ---\n[retry] attempt 3 — the worker shut down\n${ANSWER}\n${ENDING}`),
    );
  });

  it('keeps the abandoned text when it has scrolled off the top of the screen, and says [retry]', () => {
    const terminal = output({ columns: COLUMNS, rows: 3 });
    render(retriedRun(2), new StreamPrinter(terminal));

    expect(terminal.text).not.toContain('\u001b[J');
    expect(screenOf(terminal.text)).toEqual(
      screenOf(
        `--- stream start ---\n${LOST_TEXT}\n[retry] attempt 2 — the worker shut down\n${ANSWER}\n${ENDING}`,
      ),
    );
  });
});

describe('RunRenderer in a pipe', () => {
  it('never erases: the [retry] line stays between the lost text and the answer', () => {
    const pipe = output(undefined);
    render(retriedRun(2), new StreamPrinter(pipe));

    expect(pipe.text).toBe(
      `--- stream start ---\n${LOST_TEXT}\n[retry] attempt 2 — the worker shut down\n${ANSWER}\n${ENDING}`,
    );
  });
});
