import { type ModelChunk, ModelError, type ModelProvider } from './model-provider';

/** `@<endpoint>/<model>`: a model name never starts with '@', so the endpoint's part cannot be mistaken. */
const ENDPOINT_MODEL = /^@([^/]+)\/(.+)$/;

/**
 * The name by which a run asks for `model` of one of the worker's named endpoints (`modelEndpoints`):
 * `@<endpoint>/<model>`. Only the endpoint's name travels in the run (its key stays in the worker).
 */
export function endpointModelName(endpoint: string, model: string): string {
  return `@${endpoint}/${model}`;
}

/**
 * Several OpenAI-compatible endpoints behind one worker (the app's model profiles): a run's model named
 * `@<endpoint>/<model>` (see `endpointModelName`) is asked of that endpoint, any other name of `main`.
 * Each endpoint must serve models by name (`openAICompatible({ anyModel: true })`). An endpoint the worker
 * does not have answers `model-not-found`, so a run's fallback model takes over.
 */
export function modelEndpoints(
  main: ModelProvider,
  endpoints: Readonly<Record<string, ModelProvider>>,
): ModelProvider {
  const withModel = (name: string): ModelProvider => {
    const match = ENDPOINT_MODEL.exec(name);
    if (!match) return main.withModel?.(name) ?? (name === main.name ? main : missing(name, 'the model'));
    const [, endpoint = '', model = ''] = match;
    const provider = Object.hasOwn(endpoints, endpoint) ? endpoints[endpoint] : undefined;
    if (!provider) return missing(name, `the endpoint "${endpoint}"`);
    const chosen = provider.withModel?.(model) ?? (provider.name === model ? provider : undefined);
    return chosen ? { ...chosen, name } : missing(name, `the model "${model}" of endpoint "${endpoint}"`);
  };
  return { name: main.name, stream: (request) => main.stream(request), withModel };
}

/** A model the worker cannot serve: every call fails at once as `model-not-found` (not retried). */
function missing(name: string, what: string): ModelProvider {
  return {
    name,
    // biome-ignore lint/correctness/useYield: it fails before its first chunk
    async *stream(): AsyncIterable<ModelChunk> {
      throw new ModelError('model-not-found', `this worker has no ${what} (asked for "${name}")`, {
        status: 404,
      });
    },
  };
}
