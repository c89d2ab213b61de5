/**
 * The import rules of the repository, checked by dependency-cruiser (`tests/import-graph.test.ts`, or
 * `npx depcruise packages/agent/src src`): no runtime import cycle anywhere, and the library's folders
 * point one way — each folder imports only folders listed before it here.
 */

/**
 * The library's folders (packages/agent/src), lowest first: common → runs/export → client → serve/cli.
 * A folder may import only the folders before it. The `index.ts` barrels (the package's entry points)
 * sit above every folder and are imported by none.
 */
const LIBRARY_LAYERS = [
  // contracts: events, names and id formats, errors, plain types, the activity contract the workflow imports
  'common',
  // infrastructure: Temporal connection, dev server, model providers, live text, tools, stores, traces
  'locks',
  'temporal',
  'dev-server',
  'llm',
  'attachments',
  'live',
  'tools',
  'mcp',
  'telemetry',
  // a run's work on a worker: the deterministic workflow, its activities
  'workflow',
  'activities',
  // a run's truth (the reducer, answerOf, journal, following), its export document
  'runs',
  'export',
  // conversation stores: what a journal records, loaded again
  'conversations',
  // Temporal's two sides: the client (Agent, AgentRun, schedules) and the worker (AgentWorker)
  'client',
  // what a scheduled firing does on a worker: read the conversation as it is, through the client's readers
  'schedules',
  'worker',
  // what serves or drives a client
  'serve',
  'mcp-server',
  'ag-ui-client',
  'cli',
];

const LIBRARY = 'packages/agent/src';
const BARREL = `^${LIBRARY}/(index|[a-z-]+/index)[.]ts$`;

/** `from` a module of `layer` (not a barrel) to any later layer: an arrow pointing back up. */
function upwardArrow(layer, index) {
  const later = LIBRARY_LAYERS.slice(index + 1);
  if (later.length === 0) return [];
  return [
    {
      name: `layer-${layer}`,
      comment: `${LIBRARY}/${layer} may import only the folders before it in LIBRARY_LAYERS (.dependency-cruiser.cjs)`,
      severity: 'error',
      from: { path: `^${LIBRARY}/${layer}/`, pathNot: BARREL },
      to: { path: `^${LIBRARY}/(${later.join('|')})/` },
    },
  ];
}

module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment: 'modules that import each other at run time (type-only imports do not count)',
      severity: 'error',
      from: {},
      to: {
        circular: true,
        dependencyTypesNot: ['type-only'],
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
    {
      name: 'no-unlisted-folder',
      comment: `every folder of ${LIBRARY} has its place in LIBRARY_LAYERS (.dependency-cruiser.cjs)`,
      severity: 'error',
      from: { path: `^${LIBRARY}/[^/]+/`, pathNot: `^${LIBRARY}/(${LIBRARY_LAYERS.join('|')})/` },
      to: {},
    },
    {
      name: 'no-import-of-a-barrel',
      comment: 'the index.ts barrels are the package entry points: library code imports the module itself',
      severity: 'error',
      from: { path: `^${LIBRARY}/`, pathNot: BARREL },
      to: { path: BARREL },
    },
    ...LIBRARY_LAYERS.flatMap(upwardArrow),
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|out)/' },
  },
};

// For tests (not a dependency-cruiser option, so not enumerable: the configuration's schema allows no extras).
Object.defineProperty(module.exports, 'LIBRARY_LAYERS', { value: LIBRARY_LAYERS });
