// `npm start [prompt]`: a local Temporal (ended with this process), the worker and the agent in one
// process; asks one prompt and prints the answer. In production they are separate processes.
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { TemporalDevServer } from 'durable-agent';
import { ask, createAgent } from './agent.js';
import { startWorker } from './worker.js';

const prompt = process.argv.slice(2).join(' ') || 'call saveNote with {"text": "try durable-agent"}';

const temporal = process.env.TEMPORAL_ADDRESS
  ? undefined
  : await TemporalDevServer.start({ port: 0, headless: true, dbFile: path.resolve('.data/temporal.db') });
const address = process.env.TEMPORAL_ADDRESS ?? temporal.address;
const worker = await startWorker({ address });
const agent = await createAgent({ address });

/** Asks at the terminal; without one (piped), approves and says so. */
async function decide(toolName, args) {
  if (!process.stdin.isTTY) {
    console.log(`\n[approval] ${toolName} ${args} — approved (no terminal to ask)`);
    return true;
  }
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await terminal.question(`\nAllow ${toolName} ${args}? [y/N] `);
  terminal.close();
  return /^y(es)?$/i.test(answer.trim());
}

console.log(`you> ${prompt}`);
const result = await ask(agent, prompt, decide);
console.log(`[${result.status}] ${result.usage.totalTokens} tokens`);

await agent.close();
await worker.close();
await temporal?.stop();
