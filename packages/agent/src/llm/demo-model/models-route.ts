import type { ServerResponse } from 'node:http';
import { sendJson } from '../../common/send-json';
import type { DemoModelState } from './demo-model-state';
import { modelNotFound, sendError } from './openai-error';

/** When the server started, reported as the model's `created`. */
const startedAt = Math.floor(Date.now() / 1000);

/** A model entry; `context_window` (in demo tokens, as some OpenAI-compatible servers report it) when limited. */
function modelObject(id: string, contextWindow: number | undefined): object {
  return {
    id,
    object: 'model',
    created: startedAt,
    owned_by: 'durable-agent',
    ...(contextWindow === undefined ? {} : { context_window: contextWindow }),
  };
}

/** `GET /v1/models` lists the models; `GET /v1/models/<id>` retrieves one. */
export function handleModels(id: string | undefined, response: ServerResponse, state: DemoModelState): void {
  if (id === undefined) {
    sendJson(response, 200, {
      object: 'list',
      data: state.models.map((model) => modelObject(model, state.contextWindow)),
    });
  } else if (state.models.includes(id)) {
    sendJson(response, 200, modelObject(id, state.contextWindow));
  } else {
    sendError(response, modelNotFound(id));
  }
}
