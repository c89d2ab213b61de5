export { countTokens } from './count-tokens';
export type {
  DemoModel,
  DemoModelFault,
  DemoModelOptions,
  DisconnectFault,
  StallFault,
  StatusFault,
} from './demo-model-types';
export { startDemoModel } from './start-demo-model';
