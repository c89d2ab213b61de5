// A reader process for the readers scenario: attaches to a run (waiting until it exists), folds its
// events to the end, and sends what it saw to the parent.
import { Agent, answerText, applyRunEvent, EMPTY_RUN_VIEW } from 'durable-agent';
import { sleep } from './stats.mjs';

const { address, taskQueue, id } = JSON.parse(process.argv[2]);
const agent = await Agent.create({ name: 'bench', taskQueue, temporal: { address } });
const startedAt = performance.now();
let run;
while (!run) run = await agent.attach(id).catch(() => sleep(20).then(() => undefined));
let view = EMPTY_RUN_VIEW;
let firstTokenMs;
for await (const event of run.events()) {
  if (firstTokenMs === undefined && event.type === 'TEXT_MESSAGE_CONTENT')
    firstTokenMs = performance.now() - startedAt;
  view = applyRunEvent(view, event);
}
const result = await run.result();
process.send({ textMatchesResult: answerText(view) === result.text, firstTokenMs }, () => {
  agent.close().finally(() => process.exit(0));
});
