// Pre-bundles the workflow code at build time (dist/workflow-bundle.js), so workers start in well under
// a second instead of running webpack at every start.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { bundleWorkflowCode } = require('@temporalio/worker');

const dist = path.join(__dirname, '..', 'dist');
const workflowsPath = path.join(dist, 'workflow', 'index.js');

// The SDK wants an inline source map and keeps it parsed in every workflow thread: ~32 MB of a worker's
// idle memory for the prebuilt bundle (bench/README.md). The prebuilt bundle carries an empty one, so a
// workflow's stack trace names positions in the bundle; bundles made from source (tests, development) keep
// theirs.
const EMPTY_SOURCE_MAP = Buffer.from(
  JSON.stringify({ version: 3, sources: [], names: [], mappings: '' }),
).toString('base64');
const INLINE_SOURCE_MAP = /\/\/# sourceMappingURL=data:application\/json;[^\n]*\n?$/;

function withEmptySourceMap(code) {
  if (!INLINE_SOURCE_MAP.test(code))
    throw new Error('the workflow bundle has no inline source map to replace');
  return code.replace(
    INLINE_SOURCE_MAP,
    `//# sourceMappingURL=data:application/json;base64,${EMPTY_SOURCE_MAP}\n`,
  );
}

async function bundle(file, workflowInterceptorModules) {
  const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules });
  const written = withEmptySourceMap(code);
  writeFileSync(path.join(dist, file), written);
  console.log(`workflow bundle: dist/${file} (${Math.round(written.length / 1024)} KiB)`);
}

// The plain bundle, and one with OpenTelemetry's workflow interceptors for workers that export traces.
bundle('workflow-bundle.js', [])
  .then(() => bundle('workflow-bundle-traced.js', [path.join(dist, 'telemetry', 'workflow-interceptors.js')]))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
