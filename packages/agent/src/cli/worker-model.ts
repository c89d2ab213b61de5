import { type DemoModel, startDemoModel } from '../llm/demo-model';
import type { ModelProvider } from '../llm/model-provider';
import { openAICompatible } from '../llm/openai-compatible';
import type { CliConfig } from './cli-config';

/** Model name used when OPENAI_BASE_URL is set without OPENAI_MODEL. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export interface WorkerModel {
  readonly provider: ModelProvider;
  /** One line for the terminal saying which model the worker uses. */
  readonly description: string;
  /** Stops the in-process demo model, if one was started. */
  close(): Promise<void>;
}

/** The configured OpenAI-compatible endpoint, or the offline demo model started in this process. */
export async function resolveWorkerModel(openAI: CliConfig['openAI']): Promise<WorkerModel> {
  if (openAI.baseURL !== undefined) {
    const model = openAI.model ?? DEFAULT_OPENAI_MODEL;
    return {
      provider: openAICompatible({ baseURL: openAI.baseURL, apiKey: openAI.apiKey, model, anyModel: true }),
      description: `Using model "${model}" at ${openAI.baseURL}.`,
      close: async () => undefined,
    };
  }
  const demo: DemoModel = await startDemoModel({ port: 0 });
  return {
    provider: openAICompatible({ baseURL: demo.baseURL, model: 'demo', anyModel: true }),
    description: `Using the offline demo model at ${demo.baseURL} (set OPENAI_BASE_URL to use a real one).`,
    close: () => demo.close(),
  };
}
