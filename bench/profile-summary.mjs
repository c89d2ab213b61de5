// Summarizes V8 CPU profiles (node --cpu-prof): where each thread spent its time, by function and by file.
//   node bench/profile-summary.mjs <file.cpuprofile>... [--top 25]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 20;

for (const file of args) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index];
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  const byFunction = new Map();
  const byFile = new Map();
  for (const [id, micros] of selfMicros) {
    const { callFrame } = nodes.get(id);
    const file = callFrame.url ? shorten(callFrame.url) : `(${callFrame.functionName || 'native'})`;
    const name = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
  }
  const percent = (micros) => `${((100 * micros) / total).toFixed(1)}%`.padStart(6);
  console.log(`\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled`);
  console.log(' by file:');
  for (const [name, micros] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${percent(micros)}  ${name}`);
  console.log(' by function (self time):');
  for (const [name, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${percent(micros)}  ${name}`);
}

/** A file's path from its package on (node_modules/@temporalio/worker/lib/x.js → @temporalio/worker/lib/x.js). */
function shorten(url) {
  const trimmed = url.replace(/^file:\/\//, '');
  const modules = trimmed.lastIndexOf('node_modules/');
  if (modules >= 0) return trimmed.slice(modules + 'node_modules/'.length);
  return trimmed.replace(/^.*\/packages\/agent\//, 'durable-agent/');
}
