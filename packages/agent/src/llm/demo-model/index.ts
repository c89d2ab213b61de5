export { countTokens } from './count-tokens';
export type {
  CleanCloseFault,
  DemoModel,
  DemoModelFault,
  DemoModelOptions,
  DisconnectFault,
  MalformedFault,
  StallFault,
  StatusFault,
  StreamErrorFault,
  StreamFault,
} from './demo-model-types';
export { startDemoModel } from './start-demo-model';
