import { Agent, answerText, applyRunEvent, EMPTY_RUN_VIEW } from 'durable-agent';
import { median, round, sleep } from '../support/stats.mjs';
import { startWorker } from '../support/worker-process.mjs';

const PROMPT = 'reply with 1500 tokens';

/**
 * A reader re-attaches to a run 10 s into a long answer: from `attach()` to the partial text in hand
 * (a text at least as long as the live reader had when the new one subscribed). `connected`: the new
 * reader's Agent already has its connection (a second window); `fresh`: a new Agent connects first
 * (the CLI started again).
 */
export async function measureReattach(environment, repeats = 3) {
  const taskQueue = `bench-reattach-${Date.now()}`;
  const worker = await startWorker({
    temporalAddress: environment.address,
    taskQueue,
    modelBaseURL: environment.model.baseURL,
  });
  const agent = await Agent.create({
    name: 'bench',
    taskQueue,
    temporal: { address: environment.address },
    ...environment.agentOptions,
  });
  const connected = [];
  const fresh = [];
  try {
    for (let index = 0; index < repeats; index++) {
      const run = await agent.stream(PROMPT);
      let live = EMPTY_RUN_VIEW;
      const reading = (async () => {
        for await (const event of run.events()) live = applyRunEvent(live, event);
      })();
      while (answerText(live).length === 0) await sleep(20);
      await sleep(10_000);
      connected.push(await timeToPartialText(async () => agent, run.id, answerText(live).length));
      let other;
      const connect = async () => {
        other = await Agent.create({
          name: 'bench',
          taskQueue,
          temporal: { address: environment.address },
          ...environment.agentOptions,
        });
        return other;
      };
      fresh.push(await timeToPartialText(connect, run.id, answerText(live).length));
      await other.close();
      await run.cancel();
      await reading;
    }
    return {
      connectedMs: round(median(connected)),
      freshMs: round(median(fresh)),
      samples: { connected: connected.map((v) => round(v)), fresh: fresh.map((v) => round(v)) },
    };
  } finally {
    await agent.close();
    await worker.stop();
  }
}

async function timeToPartialText(getAgent, id, characters) {
  const startedAt = performance.now();
  const run = await (await getAgent()).attach(id);
  let view = EMPTY_RUN_VIEW;
  for await (const event of run.events()) {
    view = applyRunEvent(view, event);
    if (answerText(view).length >= characters) break;
  }
  return performance.now() - startedAt;
}
