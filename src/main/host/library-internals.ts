/**
 * Library pieces the package barrel does not export yet. Once `durable-agent` exports them, this file
 * becomes `export { … } from 'durable-agent'` and nothing else changes.
 */
export {
  probeTemporal,
  type TemporalProbeResult,
} from '../../../packages/agent/src/dev-server/is-temporal-reachable';
export { TemporalDevServer } from '../../../packages/agent/src/dev-server/temporal-dev-server';
export { type DemoModel, startDemoModel } from '../../../packages/agent/src/llm/demo-model';
