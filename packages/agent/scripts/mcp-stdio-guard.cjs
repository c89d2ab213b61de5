#!/usr/bin/env node
/**
 * Runs one MCP stdio server for a worker so that it never outlives the worker (POSIX only).
 *
 *   node mcp-stdio-guard.cjs <command> [args...]
 *
 * The server shares this process's stdin and stdout (the MCP channel) and runs in a process group of its
 * own, so its whole tree can be stopped (a server started through `npx` is several processes) and a
 * terminal's Ctrl+C reaches only the worker, which then closes its servers in order. The server is
 * stopped (SIGTERM, SIGKILL after a grace period) when:
 * - the worker is gone, even by kill -9 (this process is re-parented: checked twice a second);
 * - this process gets SIGTERM or SIGHUP (the worker's own close);
 * and when the server exits by itself, what is left of its group is stopped and its exit code is ours.
 */
'use strict';
const { spawn } = require('node:child_process');

const GRACE_MS = 2000;
const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: mcp-stdio-guard <command> [args...]\n');
  process.exit(2);
}
const worker = process.ppid;

const server = spawn(command, args, { stdio: 'inherit', detached: true });
let stopping = false;

function signalGroup(signal) {
  if (server.pid === undefined) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function stop() {
  if (stopping) return;
  stopping = true;
  signalGroup('SIGTERM');
  setTimeout(() => {
    signalGroup('SIGKILL');
    process.exit(1);
  }, GRACE_MS).unref();
}

server.on('error', (error) => {
  const why = error.code === 'ENOENT' ? 'command not found' : error.message;
  process.stderr.write(`could not start "${command}": ${why}\n`);
  process.exit(127);
});
server.on('exit', (code, signal) => {
  signalGroup('SIGTERM');
  process.exit(code ?? (signal === 'SIGKILL' ? 137 : 143));
});

process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// A terminal's Ctrl+C is the worker's to handle: it closes this server when it is ready to.
process.on('SIGINT', () => undefined);
setInterval(() => {
  if (process.ppid !== worker) stop();
}, 500);
