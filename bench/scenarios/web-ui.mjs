import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startModelTap } from '../support/model-tap.mjs';
import { median, p95, round } from '../support/stats.mjs';
import { textTiming, textTimingSummary } from '../support/text-timing.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_MAIN = path.join(ROOT, 'out', 'web', 'main.js');
const RENDERER = path.join(ROOT, 'out', 'renderer');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PROMPT = 'reply with 200 tokens';

/**
 * The app in web mode (its host with one worker and the demo model, as `npm run web` starts it) in
 * Debian's Chromium: from pressing Enter to the answer's first text painted, for the first prompt of a
 * new conversation and for a follow-up (whose model call reads the conversation before it from history);
 * then, for whole answers, the gap between the answer's visible text updates and how far they are behind
 * the model's own emission (p95). The host's workers call the bench's demo model through a tap that notes
 * when each reply's text went out (set as the app's model endpoint in its settings).
 */
export async function measureWebUi(environment, { trials = 5, pace = 50 } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-web-'));
  const tap = await startModelTap(environment.model.baseURL);
  writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ modelBaseUrl: tap.baseURL, modelName: 'demo' }),
  );
  const host = await startWebHost({ dataDir, temporalAddress: environment.address, pace });
  const browser = await chromium.launch({
    executablePath: process.env.DURABLE_AGENT_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page
      .getByRole('list', { name: 'Worker roster' })
      .getByRole('listitem', { name: 'Worker 1' })
      .and(page.locator('[data-state="ready"]'))
      .waitFor({ timeout: 60_000 });
    const firstPrompt = [];
    const followUp = [];
    for (let trial = 0; trial < trials; trial++) {
      await page.getByRole('button', { name: 'New conversation' }).click();
      firstPrompt.push(await paintedFirstText(page, 1));
      followUp.push(await paintedFirstText(page, 2));
    }
    const timings = [];
    for (let trial = 0; trial < trials; trial++) {
      const prompt = `${PROMPT} (web ${trial})`;
      await page.getByRole('button', { name: 'New conversation' }).click();
      const updates = await watchedAnswer(page, prompt, 1);
      timings.push(textTiming(updates, tap.emissions(prompt)));
    }
    return {
      prompt: PROMPT,
      trials,
      firstPromptMs: { p50: round(median(firstPrompt)), p95: round(p95(firstPrompt)) },
      followUpMs: { p50: round(median(followUp)), p95: round(p95(followUp)) },
      samples: { firstPrompt: firstPrompt.map(round), followUp: followUp.map(round) },
      liveText: textTimingSummary(timings),
    };
  } finally {
    await browser.close();
    await host.stop();
    await tap.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Sends the prompt and returns the time from the Enter key to the frame that first shows text of answer
 * number `answers` (measured in the page: the key's event time, then a paint after the text appeared).
 */
async function paintedFirstText(page, answers) {
  const field = page.getByRole('textbox', { name: 'Message' });
  await field.fill(PROMPT);
  const painted = page.evaluate(
    (count) =>
      new Promise((resolve) => {
        let pressedAt;
        const field = document.querySelector('textarea, [role="textbox"]');
        field?.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') pressedAt = event.timeStamp;
        });
        const check = () => {
          const answers = document.querySelectorAll(
            '[aria-label="Agent answer"] [data-testid="answer-text"]',
          );
          if (answers.length < count || pressedAt === undefined) return;
          if (!answers[count - 1].textContent?.trim()) return;
          observer.disconnect();
          // The frame after the one that lays the text out has painted it.
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - pressedAt)));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
    answers,
  );
  await field.press('Enter');
  const elapsed = await painted;
  await page
    .getByRole('listitem', { name: 'Agent answer' })
    .nth(answers - 1)
    .and(page.locator('[data-status="complete"]'))
    .waitFor({ timeout: 60_000 });
  return elapsed;
}

/**
 * Sends `prompt` as answer number `answers` of the conversation and returns every change of that answer's
 * visible text: [{ at (wall-clock ms, the page's clock), length }].
 */
async function watchedAnswer(page, prompt, answers) {
  await page.evaluate((count) => {
    const updates = [];
    window.benchAnswerUpdates = updates;
    const observer = new MutationObserver(() => {
      const texts = document.querySelectorAll('[aria-label="Agent answer"] [data-testid="answer-text"]');
      const length = texts[count - 1]?.textContent?.length ?? 0;
      if (length === (updates.at(-1)?.length ?? 0)) return;
      updates.push({ at: performance.timeOrigin + performance.now(), length });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    window.benchAnswerObserver = observer;
  }, answers);
  const field = page.getByRole('textbox', { name: 'Message' });
  await field.fill(prompt);
  await field.press('Enter');
  await page
    .getByRole('listitem', { name: 'Agent answer' })
    .nth(answers - 1)
    .and(page.locator('[data-status="complete"]'))
    .waitFor({ timeout: 60_000 });
  return page.evaluate(() => {
    window.benchAnswerObserver.disconnect();
    return window.benchAnswerUpdates;
  });
}

/** The app in web mode (`out/web/main.js`) on its own data folder, with `workers` worker processes. */
export async function startWebHost({ dataDir, temporalAddress, pace, workers = 1 }) {
  const args = [
    WEB_MAIN,
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--temporal-address',
    temporalAddress,
    '--workers',
    String(workers),
    '--renderer',
    RENDERER,
    '--demo-pace',
    String(pace),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
  const output = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web mode did not start:\n${output.join('\n')}`)),
      60_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const match = /Durable Agent web UI: (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => reject(new Error(`web mode exited:\n${output.join('\n')}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
