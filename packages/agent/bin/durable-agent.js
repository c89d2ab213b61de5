#!/usr/bin/env node
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
try {
  require.resolve(entry);
} catch {
  console.error(
    'durable-agent is not built yet: run `npm run build:lib` in the repository (or `npm run build` in packages/agent).',
  );
  process.exit(1);
}
require(entry).main(process.argv.slice(2));
