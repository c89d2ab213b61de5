import { type ParseArgsConfig, parseArgs } from 'node:util';
import { parseDuration } from '../common/duration';
import { messageOf } from '../common/error-message';
import { UsageError } from './usage-error';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommandLine<T extends OptionsConfig> {
  readonly values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true }>>['values'];
  readonly positionals: string[];
}

/** Parses a command's arguments strictly; an unknown or malformed flag becomes a {@link UsageError}. */
export function parseCommandLine<T extends OptionsConfig>(
  args: string[],
  options: T,
  allowPositionals: boolean,
): ParsedCommandLine<T> {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (!allowPositionals && parsed.positionals.length > 0) {
      throw new UsageError(`Unexpected argument "${parsed.positionals[0]}".`);
    }
    return parsed as ParsedCommandLine<T>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = messageOf(error);
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    const missingValue = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message)?.[1];
    if (unknown !== undefined) throw new UsageError(`Unknown option "${unknown}".`);
    if (missingValue !== undefined) throw new UsageError(`Option ${missingValue} needs a value.`);
    throw new UsageError(message);
  }
}

/** A duration flag (`30s`, `5m`, `250ms`); must be at least `minimumMs`. */
export function durationFlag(name: string, text: string | undefined, minimumMs = 1): number | undefined {
  if (text === undefined) return undefined;
  let milliseconds: number;
  try {
    milliseconds = parseDuration(text, `--${name}`);
  } catch {
    throw new UsageError(`Invalid --${name} "${text}": expected a duration such as 500ms, 30s, 5m or 1h.`);
  }
  if (milliseconds < minimumMs) {
    throw new UsageError(`Invalid --${name} "${text}": it must be at least ${minimumMs}ms.`);
  }
  return milliseconds;
}

/** A flag whose value must be one of `choices`. */
export function choiceFlag<C extends string>(
  name: string,
  text: string | undefined,
  choices: readonly C[],
): C | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`Invalid --${name} "${text}": expected ${choices.join(' or ')}.`);
  }
  return text as C;
}

/** A flag that must not be empty. */
export function textFlag(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === '') throw new UsageError(`Invalid --${name}: it must not be empty.`);
  return text;
}
