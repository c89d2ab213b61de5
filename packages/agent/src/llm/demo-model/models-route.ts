import type { ServerResponse } from 'node:http';
import type { DemoModelState } from './demo-model-state';
import { modelNotFound, sendError } from './openai-error';
import { sendJson } from './send-json';

/** When the server started, reported as the model's `created`. */
const startedAt = Math.floor(Date.now() / 1000);

function modelObject(id: string): object {
  return { id, object: 'model', created: startedAt, owned_by: 'durable-agent' };
}

/** `GET /v1/models` lists the models; `GET /v1/models/<id>` retrieves one. */
export function handleModels(id: string | undefined, response: ServerResponse, state: DemoModelState): void {
  if (id === undefined) {
    sendJson(response, 200, { object: 'list', data: state.models.map(modelObject) });
  } else if (state.models.includes(id)) {
    sendJson(response, 200, modelObject(id));
  } else {
    sendError(response, modelNotFound(id));
  }
}
