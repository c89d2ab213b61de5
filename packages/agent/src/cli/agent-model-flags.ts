import { readFileSync } from 'node:fs';
import type { JsonSchema } from '../client/output-schema';
import { textFlag } from './command-line';
import { UsageError } from './usage-error';

/** Flags of `durable-agent agent` that shape what the model is asked: system prompt, models, output schema. */
export const agentModelFlags = {
  system: { type: 'string' },
  'system-file': { type: 'string' },
  model: { type: 'string' },
  'fallback-model': { type: 'string', multiple: true },
  'output-schema': { type: 'string' },
  'context-window': { type: 'string' },
} as const;

export interface AgentModelFlagValues {
  readonly system?: string;
  readonly 'system-file'?: string;
  readonly model?: string;
  readonly 'fallback-model'?: string[];
  readonly 'output-schema'?: string;
  readonly 'context-window'?: string;
}

export interface AgentModelChoices {
  /** The system prompt of every run of the session. */
  readonly instructions?: string;
  /** `[model, ...fallbacks]`. */
  readonly models?: readonly string[];
  /** The JSON Schema the answer must match: the session runs its one prompt and prints the JSON alone. */
  readonly outputSchema?: JsonSchema;
  /** The model's context window in tokens: older turns are summarised before the input outgrows it. */
  readonly contextWindow?: number;
}

export const agentModelFlagsHelp = `  --system "<text>"            the system prompt (instructions) of the session's runs
  --system-file <path>         the system prompt, read from a file
  --model <name>               the model to ask (the worker's endpoint serves it; default: the worker's)
  --fallback-model <name>      a model to move to when the ones before fail for good (after their
                               retries, or at once on 401, 404 or model not found); repeatable, in order
  --output-schema <file.json>  structured output: the answer must be JSON matching this JSON Schema;
                               runs the prompt given on the command line and prints the JSON alone on
                               stdout (progress goes to stderr); exits 1 when no valid answer came
  --context-window <tokens>    the model's context window: older turns are summarised by the model
                               before the input outgrows it (without it: only after a 400
                               context_length_exceeded, then the call is made again once)`;

/** Reads the flags, and the files they name; a bad value is a {@link UsageError}. */
export function readAgentModelFlags(values: AgentModelFlagValues): AgentModelChoices {
  const system = values.system;
  const systemFile = textFlag('system-file', values['system-file']);
  if (system !== undefined && systemFile !== undefined)
    throw new UsageError('Give --system or --system-file, not both.');
  const instructions = systemFile === undefined ? system : readText('system-file', systemFile);
  const model = textFlag('model', values.model);
  const fallbacks = (values['fallback-model'] ?? []).map((name) => {
    if (name.trim() === '') throw new UsageError('Invalid --fallback-model: it must not be empty.');
    return name;
  });
  if (fallbacks.length > 0 && model === undefined)
    throw new UsageError('--fallback-model needs --model (the model to try first).');
  const schemaFile = textFlag('output-schema', values['output-schema']);
  const contextWindow = contextWindowFlag(values['context-window']);
  return {
    ...(contextWindow === undefined ? {} : { contextWindow }),
    ...(instructions === undefined || instructions.trim() === '' ? {} : { instructions }),
    ...(model === undefined ? {} : { models: [model, ...fallbacks] }),
    ...(schemaFile === undefined ? {} : { outputSchema: readSchema(schemaFile) }),
  };
}

function contextWindowFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 512)
    throw new UsageError(`Invalid --context-window "${text}": expected a number of tokens, at least 512.`);
  return value;
}

function readText(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --${flag} ${file}: ${(error as Error).message}`);
  }
}

function readSchema(file: string): JsonSchema {
  const text = readText('output-schema', file);
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--output-schema ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    throw new UsageError(`--output-schema ${file} must hold a JSON Schema object.`);
  return schema as JsonSchema;
}
