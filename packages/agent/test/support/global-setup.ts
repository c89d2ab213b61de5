import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { TemporalDevServer } from '../../src/dev-server/temporal-dev-server';
import { workflowsSourcePath } from '../../src/worker/workflow-bundle';
import { removeInBackground } from '../package/packed-project';

let server: TemporalDevServer | undefined;
let packedRoot: string | undefined;

/**
 * Vitest global setup: one Temporal dev server (in-memory, headless, free port) for the whole run,
 * its address provided as `temporalAddress`. DURABLE_AGENT_TEST_TEMPORAL_ADDRESS points the tests at
 * a server you run yourself instead (e.g. `durable-agent dev-server --in-memory`).
 */
export async function setup(project: TestProject): Promise<void> {
  await bundleWorkflowsOnce();
  // Where the package tests pack and install the library once for the run (sharedPackedProject).
  packedRoot = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-packed-'));
  process.env.DURABLE_AGENT_PACKED_ROOT = packedRoot;
  const external = process.env.DURABLE_AGENT_TEST_TEMPORAL_ADDRESS;
  if (external) {
    project.provide('temporalAddress', external);
    return;
  }
  const startedAt = Date.now();
  server = await TemporalDevServer.start({ port: 0, headless: true, startTimeoutMs: 60_000 });
  console.log(
    `[global-setup] Temporal dev server at ${server.address} (pid ${server.pid}) in ${Date.now() - startedAt} ms`,
  );
  project.provide('temporalAddress', server.address);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
  if (packedRoot) removeInBackground(packedRoot);
}

/** Bundles the workflow code from source once; every test process (and worker it spawns) reuses it. */
async function bundleWorkflowsOnce(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsSourcePath(), logger: silentLogger });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'durable-agent-bundle-')), 'workflow-bundle.js');
  writeFileSync(file, code);
  process.env.DURABLE_AGENT_WORKFLOW_BUNDLE = file;
}

const silentLogger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
