import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/** Built by `npm run build` next to the compiled library; used when running from `dist`. */
export const PREBUILT_BUNDLE_PATH = path.join(__dirname, '..', 'workflow-bundle.js');
/** The same with OpenTelemetry's workflow interceptors (`telemetry/workflow-interceptors`), for traced workers. */
export const PREBUILT_TRACED_BUNDLE_PATH = path.join(__dirname, '..', 'workflow-bundle-traced.js');

let bundle: Promise<{ code: string }> | undefined;
let tracedBundle: Promise<{ code: string }> | undefined;

/**
 * The workflow code for `Worker.create`: the bundle made at build time when running compiled code,
 * otherwise bundled once per process from source (tests, development). DURABLE_AGENT_WORKFLOW_BUNDLE
 * names a bundle to use instead (the test setup bundles once for every test process).
 */
export function workflowBundleOption(traced = false): Promise<{ code: string } | { codePath: string }> {
  if (traced) return tracedWorkflowBundleOption();
  const given = process.env.DURABLE_AGENT_WORKFLOW_BUNDLE;
  if (given) return Promise.resolve({ codePath: given });
  if (__filename.endsWith('.js') && existsSync(PREBUILT_BUNDLE_PATH)) {
    return Promise.resolve({ codePath: PREBUILT_BUNDLE_PATH });
  }
  bundle ??= bundleWorkflowCode({ workflowsPath: workflowsSourcePath(), logger: quietLogger });
  return bundle;
}

/** The traced bundle: DURABLE_AGENT_TRACED_WORKFLOW_BUNDLE, else the one built next to `dist`, else from source. */
function tracedWorkflowBundleOption(): Promise<{ code: string } | { codePath: string }> {
  const given = process.env.DURABLE_AGENT_TRACED_WORKFLOW_BUNDLE;
  if (given) return Promise.resolve({ codePath: given });
  if (__filename.endsWith('.js') && existsSync(PREBUILT_TRACED_BUNDLE_PATH)) {
    return Promise.resolve({ codePath: PREBUILT_TRACED_BUNDLE_PATH });
  }
  tracedBundle ??= bundleWorkflowCode({
    workflowsPath: workflowsSourcePath(),
    workflowInterceptorModules: [workflowInterceptorsSourcePath()],
    logger: quietLogger,
  });
  return tracedBundle;
}

export function workflowInterceptorsSourcePath(): string {
  const directory = path.join(__dirname, '..', 'telemetry');
  const typescript = path.join(directory, 'workflow-interceptors.ts');
  return existsSync(typescript) ? typescript : path.join(directory, 'workflow-interceptors.js');
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
