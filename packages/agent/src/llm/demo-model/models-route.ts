import type { ServerResponse } from 'node:http';
import type { DemoModelState } from './demo-model-state';
import { sendError } from './openai-error';
import { sendJson } from './send-json';

/** When the server started, reported as the model's `created`. */
const startedAt = Math.floor(Date.now() / 1000);

function modelObject(id: string): object {
  return { id, object: 'model', created: startedAt, owned_by: 'durable-agent' };
}

/** `GET /v1/models` lists the one model; `GET /v1/models/<id>` retrieves it. */
export function handleModels(id: string | undefined, response: ServerResponse, state: DemoModelState): void {
  if (id === undefined) {
    sendJson(response, 200, { object: 'list', data: [modelObject(state.model)] });
  } else if (id === state.model) {
    sendJson(response, 200, modelObject(id));
  } else {
    sendError(response, {
      status: 404,
      error: {
        message: `The model '${id}' does not exist`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
  }
}
