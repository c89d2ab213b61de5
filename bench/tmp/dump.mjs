import proto from '@temporalio/proto';
import { Agent, startDemoModel } from 'durable-agent';
import { streamLibrary } from '../support/streams.mjs';
import { startTemporalServer } from '../support/temporal-server.mjs';
import { startWorker } from '../support/worker-process.mjs';
const { EventType } = proto.temporal.api.enums.v1;
const N = Number(process.env.N ?? 50);
const model = await startDemoModel({ pace: 50 });
const server = await startTemporalServer();
const taskQueue = `dump-${Date.now()}`;
const worker = await startWorker({ temporalAddress: server.address, taskQueue, modelBaseURL: model.baseURL });
const agent = await Agent.create({ name: 'bench', taskQueue, temporal: { address: server.address } });
await Promise.all([streamLibrary(agent, 'Hello!'), streamLibrary(agent, 'Hello!')]);
const results = await Promise.all(Array.from({ length: N }, (_, i) => streamLibrary(agent, `reply with 200 tokens (run ${i})`)));
results.sort((a, b) => a.firstTokenMs - b.firstTokenMs);
const client = agent.client ?? agent.temporalClient;
for (const r of [results[0], results[Math.floor(N / 2)], results.at(-1)]) {
  console.log(`\n=== run ${r.id} firstToken ${Math.round(r.firstTokenMs)} messageStart ${Math.round(r.messageStartMs)} submitted ${Math.round(r.submittedMs)}`);
  const page = await client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: r.id } });
  for (const e of page.history.events) {
    const t = Number(e.eventTime.seconds) * 1000 + Math.floor(e.eventTime.nanos / 1e6) - r.startedAtEpoch;
    const attrs = Object.keys(e).find((k) => k.endsWith('Attributes') && e[k]);
    const a = e[attrs] ?? {};
    const extra = a.identity ? ` id=${a.identity}` : a.signalName ? ` sig=${a.signalName}` : a.markerName ? ` marker` : a.activityType ? ` ${a.activityType.name}` : '';
    console.log(String(t).padStart(6), String(e.eventId).padStart(3), EventType[e.eventType].replace('EVENT_TYPE_', ''), extra);
  }
}
await agent.close?.();
await worker.stop?.();
await server.stop();
await model.close?.();
process.exit(0);
