// Pre-bundles the workflow code at build time (dist/workflow-bundle.js), so workers start in well under
// a second instead of running webpack at every start.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { bundleWorkflowCode } = require('@temporalio/worker');

const dist = path.join(__dirname, '..', 'dist');
bundleWorkflowCode({ workflowsPath: path.join(dist, 'workflow', 'index.js') })
  .then(({ code }) => {
    writeFileSync(path.join(dist, 'workflow-bundle.js'), code);
    console.log(`workflow bundle: dist/workflow-bundle.js (${Math.round(code.length / 1024)} KiB)`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
