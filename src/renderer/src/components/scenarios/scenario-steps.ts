import { HELLO, SHORT_TIMEOUT_MS, TRAVEL_PLAN } from './scenario-prompts';
import type { ScenarioStep } from './scenario-types';

/** Steps that many scenarios share. */
export const ensureWorker: ScenarioStep = {
  text: 'Make sure a worker is running.',
  action: { label: 'Start a worker', run: { kind: 'ensure-worker' } },
  expect: 'A worker in the roster shows "ready" on the task queue of the settings.',
};

export const sendHello: ScenarioStep = {
  text: 'Send the first prompt in a new conversation and wait for the answer to finish.',
  action: { label: `Send "${HELLO}"`, run: { kind: 'send', prompt: HELLO, newConversation: true } },
  expect:
    '"Hello! How can I help you today?" streams in; the footer shows prompt 10 · completion 12 · total 22.',
};

export const sendTravelPlan: ScenarioStep = {
  text: 'Send the long prompt in a new conversation and watch the tokens stream.',
  action: {
    label: 'Send the travel-plan prompt',
    run: { kind: 'send', prompt: TRAVEL_PLAN, newConversation: true },
  },
  expect: '"Here is a detailed day-by-day travel plan for Japan…" then "Day 1: Arrive in Tokyo" appear.',
};

export const shortTimeout: ScenarioStep = {
  text: `Optional: shorten the run timeout (default 5:00) so you need not wait.`,
  action: {
    label: `Use a ${SHORT_TIMEOUT_MS / 1000} s timeout`,
    run: { kind: 'set-timeout', timeoutMs: SHORT_TIMEOUT_MS },
  },
};

export const restoreTimeout: ScenarioStep = {
  text: 'Put the timeout back to the mode\u2019s default.',
  action: { label: 'Restore the default timeout', run: { kind: 'set-timeout', timeoutMs: null } },
};

export const restartWorker: ScenarioStep = {
  text: 'Start the worker again.',
  action: { label: 'Restart the worker', run: { kind: 'restart-worker' } },
  expect: 'It goes "starting", then "ready" with a new pid.',
};
