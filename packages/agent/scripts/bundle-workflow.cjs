// Pre-bundles the workflow code at build time (dist/workflow-bundle.js), so workers start in well under
// a second instead of running webpack at every start.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { bundleWorkflowCode } = require('@temporalio/worker');

const dist = path.join(__dirname, '..', 'dist');
const workflowsPath = path.join(dist, 'workflow', 'index.js');

async function bundle(file, workflowInterceptorModules) {
  const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules });
  writeFileSync(path.join(dist, file), code);
  console.log(`workflow bundle: dist/${file} (${Math.round(code.length / 1024)} KiB)`);
}

// The plain bundle, and one with OpenTelemetry's workflow interceptors for workers that export traces.
bundle('workflow-bundle.js', [])
  .then(() => bundle('workflow-bundle-traced.js', [path.join(dist, 'telemetry', 'workflow-interceptors.js')]))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
