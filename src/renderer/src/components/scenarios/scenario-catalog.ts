import { FIRST_DESTINATION, HELLO_AGAIN, STILL_WORKING } from './scenario-prompts';
import {
  ensureWorker,
  restartWorker,
  restoreTimeout,
  sendHello,
  sendTravelPlan,
  shortTimeout,
} from './scenario-steps';
import type { Scenario } from './scenario-types';

const sendHelloAgain = {
  text: 'Send another prompt in the same conversation.',
  action: { label: `Send "${HELLO_AGAIN}"`, run: { kind: 'send', prompt: HELLO_AGAIN } },
  expect:
    '"Hello again! How can I help?" — prompt 22 · completion 8 · total 30 (the history is in the prompt).',
} as const;

/** The seed's eleven durability scenarios, as walkthroughs of the app. */
export const scenarioCatalog: readonly Scenario[] = [
  {
    id: '1',
    title: 'Baseline — worker first',
    summary: 'A worker is running; a prompt is answered end to end.',
    steps: [ensureWorker, sendHello],
    lesson: 'The remote worker path works end to end: the app submits a workflow, a worker process runs it.',
  },
  {
    id: '2',
    title: 'Agent without worker (intentional timeout)',
    summary: 'No worker: the interactive worker check waits, then fails clearly.',
    steps: [
      {
        text: 'Stop every worker.',
        action: { label: 'Stop all workers', run: { kind: 'stop-all-workers' } },
      },
      shortTimeout,
      {
        ...sendHello,
        text: 'Send the prompt.',
        expect:
          'The answer shows "waiting for a worker on task queue "agent" — 0:07 / 0:20" with a Start worker button; when the time is up it fails with: no worker available: timed out waiting for workers on task queue "agent".',
      },
      ensureWorker,
      { ...sendHello, text: 'Resend the prompt.', expect: '"Hello! How can I help you today?"' },
      restoreTimeout,
    ],
    lesson:
      'For interactive agents, failing fast is better than hanging. Autonomous mode skips the check: the run waits in the queue.',
  },
  {
    id: '3a',
    title: 'Stop the worker between rounds (graceful)',
    summary: 'A planned shutdown between two prompts loses nothing.',
    steps: [
      ensureWorker,
      sendHello,
      {
        text: 'Stop the worker gracefully (Ctrl+C).',
        action: { label: 'Stop the worker', run: { kind: 'stop-worker' } },
        expect: 'The roster shows it "exited (code 0)".',
      },
      restartWorker,
      sendHelloAgain,
    ],
    lesson:
      'Completed activity results are recorded in the workflow history; the restarted worker does not re-run them.',
  },
  {
    id: '3b',
    title: 'Kill the worker between rounds (crash)',
    summary: 'A kill -9 between two prompts loses nothing either.',
    steps: [
      ensureWorker,
      sendHello,
      {
        text: 'Kill the worker with SIGKILL: no cleanup at all.',
        action: { label: 'Kill -9 the worker', run: { kind: 'kill-worker' } },
        expect: 'The roster shows it "exited (SIGKILL)".',
      },
      restartWorker,
      sendHelloAgain,
    ],
    lesson: 'Temporal notices the worker is gone; no state is lost.',
  },
  {
    id: '4a',
    title: 'Stop the worker during the model call — it stays down',
    summary: 'The stream pauses; with no worker the run ends at its deadline.',
    steps: [
      ensureWorker,
      shortTimeout,
      sendTravelPlan,
      {
        text: 'While the text streams, stop the worker and do not restart it.',
        action: { label: 'Stop the worker', run: { kind: 'stop-worker' } },
        expect:
          'The stream pauses — no error yet. The panel shows "retrying — attempt 2 (worker lost)". At the timeout: deadline exceeded: no worker resumed the workflow within the timeout; the partial text is kept and marked.',
      },
      { ...ensureWorker, text: 'Start a worker again to resume normal operation.' },
      restoreTimeout,
    ],
    lesson: 'The app fails clearly on timeout rather than hanging indefinitely.',
  },
  {
    id: '4b',
    title: 'Kill the worker during the model call — it comes back',
    summary: 'The core guarantee: the answer resumes by itself, without duplicated text.',
    steps: [
      ensureWorker,
      sendTravelPlan,
      {
        text: 'After the first tokens, kill the worker (or stop it gracefully from the roster).',
        action: { label: 'Kill -9 the worker', run: { kind: 'kill-worker' } },
        expect:
          'The stream pauses; the panel shows "retrying — attempt 2 (worker lost)" and a "worker lost" entry: the app saw its worker process die and failed the attempt in Temporal at once, so attempt 2 starts as soon as a worker polls (with a second worker, within about a second).',
      },
      {
        ...restartWorker,
        text: 'Restart the worker before the timeout.',
        expect:
          'Attempt 2 starts on the restarted worker; the partial text of attempt 1 is replaced, not repeated, and the answer finishes. The answer\u2019s own tokens read as on a clean run; attempt 1\u2019s are shown apart, as spent on a failed attempt.',
      },
    ],
    lesson:
      'No resend needed: Temporal re-ran the model activity on the restarted worker. The stored answer is the single complete result.',
  },
  {
    id: '5a',
    title: 'Restart the app (graceful)',
    summary: 'The app restarts between prompts and carries on.',
    steps: [
      ensureWorker,
      sendHello,
      {
        text: 'Restart the app: reload this window (web mode reconnects to the host; on the desktop, quit and reopen).',
        action: { label: 'Reload this window', run: { kind: 'reload-page' } },
        expect: 'The conversation is still here.',
      },
      sendHelloAgain,
    ],
    lesson:
      'A new app process drives work through the same Temporal namespace and task queue without reconfiguration.',
  },
  {
    id: '5b',
    title: 'App crash (unplanned)',
    summary: 'The app process is killed between prompts; nothing is lost.',
    steps: [
      ensureWorker,
      sendHello,
      {
        text: 'Kill the app\u2019s host process: web mode — kill -9 the "npm run web" process, start it again and open the URL it prints; desktop — force-quit the app and reopen it.',
        expect: 'The workers are started again and the conversation is intact.',
      },
      sendHelloAgain,
    ],
    lesson:
      'The workers never depended on the app: Temporal keeps the state; SQLite keeps the conversations.',
  },
  {
    id: '5c',
    title: 'App crash during the model call',
    summary: 'The run finishes without the app; the answer is there when it comes back.',
    steps: [
      ensureWorker,
      sendTravelPlan,
      {
        text: 'While it streams, kill the app\u2019s host process (as in 5b) — or, gentler, reload this window.',
        action: { label: 'Reload this window', run: { kind: 'reload-page' } },
        expect:
          'After a reload the partial text is back at once and keeps streaming. After a host kill, the restarted host re-attaches to the run and stores the finished answer exactly once.',
      },
      {
        text: 'Ask a follow-up in the same conversation.',
        action: { label: `Send "${FIRST_DESTINATION}"`, run: { kind: 'send', prompt: FIRST_DESTINATION } },
        expect: '"The first destination in that plan was Tokyo." — this app keeps the conversation history.',
      },
    ],
    lesson:
      'The workflow completes without its caller; the app\u2019s history makes the result visible on return.',
  },
  {
    id: '6',
    title: 'Two workers, one queue',
    summary: 'Stopping one of two workers does not drop a run.',
    steps: [
      ensureWorker,
      {
        text: 'Add a second worker on the same queue.',
        action: { label: 'Add a worker', run: { kind: 'add-worker' } },
      },
      sendHello,
      { text: 'Stop one worker.', action: { label: 'Stop one worker', run: { kind: 'stop-worker' } } },
      {
        text: 'Send another prompt.',
        action: { label: `Send "${STILL_WORKING}"`, run: { kind: 'send', prompt: STILL_WORKING } },
        expect: '"Yes, still here! How can I help?" — served by the remaining worker.',
      },
    ],
    lesson: 'Workers polling one task queue share the load; losing one does not drop a run.',
  },
  {
    id: '7',
    title: 'Task queue mismatch',
    summary: 'Workers on the wrong queue: the check fails clearly.',
    steps: [
      {
        text: 'Move the workers to another task queue (you can also edit a worker\u2019s queue in the roster).',
        action: {
          label: 'Move workers to "wrong-queue"',
          run: { kind: 'move-workers', taskQueue: 'wrong-queue' },
        },
        expect: 'Each worker restarts on "wrong-queue" and shows a mismatch warning.',
      },
      shortTimeout,
      {
        ...sendHello,
        text: 'Send the prompt.',
        expect:
          'It waits for a worker on "agent", then fails: no worker available: timed out waiting for workers on task queue "agent".',
      },
      {
        text: 'Move the workers back.',
        action: { label: 'Move workers back', run: { kind: 'move-workers', taskQueue: 'default' } },
      },
      restoreTimeout,
    ],
    lesson:
      'A misconfiguration surfaces clearly instead of corrupting state. In autonomous mode it would wait in the queue until the timeout.',
  },
  {
    id: '8',
    title: 'Temporal outage — kill -9 the embedded Temporal',
    summary: 'Temporal itself crashes mid-answer; it comes back and the answer finishes.',
    steps: [
      ensureWorker,
      sendTravelPlan,
      {
        text: 'After the first tokens, kill -9 the embedded Temporal dev server.',
        action: { label: 'Kill -9 Temporal', run: { kind: 'kill-temporal' } },
        expect:
          'The Temporal card says it is down (since when); the run says "Temporal unreachable — reconnecting". Nothing is decided while Temporal is away.',
      },
      {
        text: 'Start the embedded Temporal again (the app also does it by itself within seconds).',
        action: { label: 'Start Temporal', run: { kind: 'start-temporal' } },
        expect:
          'Temporal is connected again (restarts: 1); the run resumes from its SQLite file and the answer finishes once, without duplicated text.',
      },
    ],
    lesson:
      'Temporal keeps the run in its database: a crash of Temporal itself loses nothing; workers and the app reconnect and carry on.',
  },
];
