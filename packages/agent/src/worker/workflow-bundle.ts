import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/** Built by `npm run build` next to the compiled library; used when running from `dist`. */
export const PREBUILT_BUNDLE_PATH = path.join(__dirname, '..', 'workflow-bundle.js');

let bundle: Promise<{ code: string }> | undefined;

/**
 * The workflow code for `Worker.create`: the bundle made at build time when running compiled code,
 * otherwise bundled once per process from source (tests, development). DURABLE_AGENT_WORKFLOW_BUNDLE
 * names a bundle to use instead (the test setup bundles once for every test process).
 */
export function workflowBundleOption(): Promise<{ code: string } | { codePath: string }> {
  const given = process.env.DURABLE_AGENT_WORKFLOW_BUNDLE;
  if (given) return Promise.resolve({ codePath: given });
  if (__filename.endsWith('.js') && existsSync(PREBUILT_BUNDLE_PATH)) {
    return Promise.resolve({ codePath: PREBUILT_BUNDLE_PATH });
  }
  bundle ??= bundleWorkflowCode({ workflowsPath: workflowsSourcePath(), logger: quietLogger });
  return bundle;
}

export function workflowsSourcePath(): string {
  const directory = path.join(__dirname, '..', 'workflow');
  const typescript = path.join(directory, 'index.ts');
  return existsSync(typescript) ? typescript : path.join(directory, 'index.js');
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
