import { describe, expect, it } from 'vitest';
import { RunRenderer } from '../../src/cli/run-renderer';
import { type PrinterOutput, StreamPrinter } from '../../src/cli/stream-printer';
import {
  type AgentEvent,
  controlEvent,
  messageEvents,
  type PublishedEvent,
  runEvents,
  toolEvents,
} from '../../src/common/events';
import { ZERO_BREAKDOWN } from '../../src/common/run-usage';
import type { AgentRunResult } from '../../src/common/types';
import { applyRunEvent } from '../../src/runs/apply-run-event';
import { EMPTY_RUN_VIEW, type RunView } from '../../src/runs/run-view';
import { controlCharactersIn, withoutCliSequences } from './support/control-characters';
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

/** The events of a run whose first attempt was lost mid-stream, `attempts` attempts in all; `workers` name each attempt's. */
function retriedRun(attempts: number, workers: readonly string[] = []): AgentEvent[] {
  const published: PublishedEvent[] = [runEvents.started(context)];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const reason = 'the worker shut down';
      published.push(controlEvent(context, 'attempt-reset', { messageId: MESSAGE, attempt, reason }));
    }
    published.push(messageEvents.start(context, MESSAGE, attempt, undefined, workers[attempt - 1]));
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
  modelCalls: 1,
  retries: 1,
  usageBreakdown: { ...ZERO_BREAKDOWN, answer: USAGE },
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
  renderer.showEnding({ view, result, messages: [] });
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

describe('RunRenderer naming workers', () => {
  it('says which worker runs a retried attempt, in a dim line after [retry] (not for the first attempt)', () => {
    const terminal = output({ columns: 80, rows: 40 });
    render(retriedRun(2, ['worker-a', 'worker-b']), new StreamPrinter(terminal));

    expect(terminal.text).toContain('\u001b[2m[attempt 2 on worker-b]\u001b[22m');
    expect(terminal.text).not.toContain('worker-a');
    const pipe = output(undefined);
    render(retriedRun(2, ['worker-a', 'worker-b']), new StreamPrinter(pipe));
    expect(pipe.text).toBe(
      `--- stream start ---\n${LOST_TEXT}\n[retry] attempt 2 — the worker shut down\n[attempt 2 on worker-b]\n${ANSWER}\n${ENDING}`,
    );
  });
});

describe('RunRenderer of a run that continued as new', () => {
  it('says where the run went on in a dim line between the tool round and the answer', () => {
    const second = 'run-1-2';
    const published: PublishedEvent[] = [
      runEvents.started(context),
      messageEvents.start(context, MESSAGE, 1),
      toolEvents.start(context, MESSAGE, 1, 'call-1', 'calculator'),
      toolEvents.args(context, MESSAGE, 1, 'call-1', '{"expression":"0 + 1"}'),
      toolEvents.end(context, MESSAGE, 1, 'call-1'),
      messageEvents.end(context, MESSAGE, 1),
      toolEvents.result(context, MESSAGE, 'call-1', '1'),
      controlEvent(context, 'continued-as-new', {
        temporalRun: 2,
        historyEvents: 48,
        historyBytes: 23_552,
        reason: 'history-events',
      }),
      messageEvents.start(context, second, 1),
      messageEvents.content(context, second, 1, ANSWER),
      messageEvents.end(context, second, 1),
    ];
    const terminal = output({ columns: 200, rows: 40 });
    render(
      published.map((event, seq) => ({ ...event, seq })),
      new StreamPrinter(terminal),
    );

    const continued =
      '[continued as new in Temporal run 2 after 48 history events (23 kB; its history reached the event limit)]';
    expect(terminal.text).toContain(`\u001b[2m${continued}\u001b[22m`);
    expect(screenOf(terminal.text, 200)).toEqual(
      screenOf(
        `--- stream start ---\n[tool] calculator {"expression":"0 + 1"}\n[tool result] 1\n${continued}\n${ANSWER}\n${ENDING}`,
        200,
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

/** What a hostile model or tool could send to rewrite the screen: clear it, set the title, erase a line. */
const CLEAR_SCREEN = '\u001b[2J';
const SET_TITLE = '\u001b]0;pwned\u0007';
const ERASE_LINE = '\r\u001b[2K';

/** The events of a run whose model wrote `text` and then asked to call `toolName` with `args`, approval needed. */
function hostileRun(text: string, toolName: string, args: string): AgentEvent[] {
  const published: PublishedEvent[] = [
    runEvents.started(context),
    messageEvents.start(context, MESSAGE, 1),
    messageEvents.content(context, MESSAGE, 1, text),
    toolEvents.start(context, MESSAGE, 1, 'call-1', toolName),
    toolEvents.args(context, MESSAGE, 1, 'call-1', args),
    toolEvents.end(context, MESSAGE, 1, 'call-1'),
    messageEvents.end(context, MESSAGE, 1),
    controlEvent(context, 'approval-request', {
      toolCallId: 'call-1',
      toolName,
      arguments: args,
      requestedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    }),
  ];
  return published.map((event, seq) => ({ ...event, seq }));
}

describe('RunRenderer with text that carries control characters', () => {
  it('prints escape sequences in model text as visible characters, on a terminal and in a pipe', () => {
    for (const terminal of [{ columns: 80, rows: 40 }, undefined]) {
      const written = output(terminal);
      const printer = new StreamPrinter(written);
      const renderer = new RunRenderer({ printer });
      let view: RunView = EMPTY_RUN_VIEW;
      const events = hostileRun(
        `Hi${CLEAR_SCREEN} there${SET_TITLE}\n\u009b31mred\u202eevil`,
        'calculator',
        '{}',
      );
      for (const event of events.slice(0, 3)) {
        view = applyRunEvent(view, event);
        renderer.show(view);
      }

      expect(controlCharactersIn(withoutCliSequences(written.text))).toEqual([]);
      expect(written.text).toContain('Hi␛[2J there␛]0;pwned␇\n�31mred�evil');
    }
  });

  it('keeps an approval request on one line naming the real tool: arguments cannot erase or fake it', () => {
    const terminal = output({ columns: 200, rows: 40 });
    const printer = new StreamPrinter(terminal);
    const approvals: string[] = [];
    const renderer = new RunRenderer({
      printer,
      onApproval: (approval) => approvals.push(approval.toolName),
    });
    const disguise = `{"path":"/"}${ERASE_LINE}[approval] currentTime {} needs your approval (expires in 1m)\n`;
    let view: RunView = EMPTY_RUN_VIEW;
    for (const event of hostileRun('Let me check.', `deleteFiles${SET_TITLE}`, disguise)) {
      view = applyRunEvent(view, event);
      renderer.show(view);
    }

    expect(approvals).toHaveLength(1);
    expect(controlCharactersIn(withoutCliSequences(terminal.text))).toEqual([]);
    const screen = screenOf(terminal.text, 200);
    const approvalLines = screen.filter((line) => line.startsWith('[approval]'));
    expect(approvalLines).toEqual([
      '[approval] deleteFiles␛]0;pwned␇ {"path":"/"}␍␛[2K[approval] currentTime {} needs your approval (expires in 1m)␊ needs your approval (expires in 1m)',
    ]);
    expect(screen).toContain(
      '[tool] deleteFiles␛]0;pwned␇ {"path":"/"}␍␛[2K[approval] currentTime {} needs your approval (expires in 1m)␊',
    );
  });
});
