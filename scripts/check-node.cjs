#!/usr/bin/env node
/**
 * Stops with what to do when the running Node is older than this project needs (package.json
 * `engines.node`, `>=22.12`): Electron 45, better-sqlite3 13 and the TypeScript entry points run by
 * `node` (type stripping) need it; on an older Node they fail later with errors such as
 * ERR_UNKNOWN_FILE_EXTENSION that do not say so.
 *
 * `npm install` and `npm ci` are stopped earlier by `engine-strict=true` in `.npmrc` (npm's EBADENGINE,
 * before anything is downloaded); this script runs as `preinstall` (when engine-strict was turned off)
 * and first in `build:lib`, which `npm run web`, `npm start`, `npm run dev`, `npm test` and `npm run
 * bench` begin with. Plain ES2015, so it runs on any Node old enough to need it.
 */
'use strict';

const REQUIRED = { major: 22, minor: 12 };

function isRecentEnough(version) {
  const parts = version.replace(/^v/, '').split('.');
  const major = Number(parts[0]);
  const minor = Number(parts[1]);
  return major > REQUIRED.major || (major === REQUIRED.major && minor >= REQUIRED.minor);
}

function advice(version, executable) {
  const wanted = `${REQUIRED.major}.${REQUIRED.minor}`;
  const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
  return [
    `Durable Agent needs Node >= ${wanted}; this is Node ${version} (${executable}).`,
    'Get Node 22, then run the command again:',
    linuxX64
      ? '  source scripts/ensure-node.sh   # installs Node 22 from the npm registry into ~/.cache/durable-agent/node22 and puts it first on PATH'
      : '  install Node 22 from https://nodejs.org',
    '  or with nvm: nvm install 22 && nvm use 22',
  ].join('\n');
}

module.exports = { isRecentEnough: isRecentEnough, advice: advice };

if (require.main === module) {
  if (!isRecentEnough(process.version)) {
    console.error(advice(process.version, process.execPath));
    process.exit(1);
  }
}
