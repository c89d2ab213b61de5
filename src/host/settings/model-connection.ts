import { messageOf } from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { ModelConnectionCheck } from '../../shared/models';

/** Where the models are: the endpoint's base URL, its key (only the one bound to its origin) and model. */
export interface ModelAccess {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly modelName: string;
}

const TIMEOUT_MS = 5000;

type ModelsAnswer =
  | { readonly kind: 'models'; readonly models: readonly string[] }
  | { readonly kind: 'problem'; readonly message: string };

/** `GET <baseUrl>/models`: the model ids, or what went wrong in words. */
async function readModels(access: ModelAccess): Promise<ModelsAnswer> {
  const url = `${access.baseUrl.replace(/\/+$/, '')}/models`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: access.apiKey ? { authorization: `Bearer ${access.apiKey}` } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'problem', message: `Cannot reach ${access.baseUrl}: ${rootCause(error)}.` };
  }
  if (response.status === 401 || response.status === 403) {
    const key = access.apiKey ? 'the API key was refused' : 'no API key is set';
    return {
      kind: 'problem',
      message: `The endpoint answered HTTP ${response.status} (${key}): ${await errorText(response)}`,
    };
  }
  if (!response.ok) {
    return {
      kind: 'problem',
      message: `The endpoint answered HTTP ${response.status} to GET /models: ${await errorText(response)}`,
    };
  }
  const body = (await response.json().catch(() => undefined)) as { data?: { id?: unknown }[] } | undefined;
  const models = (body?.data ?? []).flatMap((entry) => (typeof entry.id === 'string' ? [entry.id] : []));
  return { kind: 'models', models };
}

/** The endpoint's models for the model picker; what went wrong, in words, as an `unavailable` error. */
export async function listEndpointModels(access: ModelAccess): Promise<readonly string[]> {
  const answer = await readModels(access);
  if (answer.kind === 'problem') throw new ApiError('unavailable', answer.message);
  return answer.models;
}

/** "Test connection": reachable, the key accepted, the model listed — or which of these is wrong. */
export async function checkModelConnection(access: ModelAccess): Promise<ModelConnectionCheck> {
  const answer = await readModels(access);
  if (answer.kind === 'problem') return { ok: false, message: answer.message };
  if (!answer.models.includes(access.modelName)) {
    const listed = answer.models.length > 0 ? answer.models.join(', ') : 'none';
    return {
      ok: false,
      message: `Connected, but the model "${access.modelName}" was not found (the endpoint has: ${listed}).`,
    };
  }
  return {
    ok: true,
    message: `Connected: the model "${access.modelName}" is available (${answer.models.length} models listed).`,
  };
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 200) || response.statusText;
}

/** The innermost cause: `connect ECONNREFUSED 127.0.0.1:9` rather than `fetch failed`. */
function rootCause(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause; depth++)
    current = current.cause;
  if (current instanceof Error && current.name === 'TimeoutError')
    return `no answer within ${TIMEOUT_MS / 1000} s`;
  return messageOf(current);
}
