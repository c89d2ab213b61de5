import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { messageOf } from '../common/error-message';
import type { OutputSpecification } from '../common/types';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

/**
 * Checks an answer against the run's output schema: the validation errors in words (`/days/0/day must be
 * integer`), or none when the answer is JSON that matches. A schema that cannot be compiled is an error
 * of the answer's check too, so the run says so instead of failing somewhere else.
 */
export function checkOutput(text: string, output: OutputSpecification): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [`the answer is not JSON (${messageOf(error)})`];
  }
  let validate: ValidateFunction;
  try {
    validate = validatorOf(output.schema);
  } catch (error) {
    return [`the output schema is not a valid JSON Schema: ${messageOf(error)}`];
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath === '' ? '(root)' : error.instancePath} ${error.message ?? 'is invalid'}`,
  );
}

function validatorOf(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    // Draft-07 and 2020-12 schemas read alike for what answers use; the meta-schema URI is not needed.
    const { $schema: _metaSchema, ...rest } = schema;
    validate = ajv.compile(rest);
    validators.set(key, validate);
  }
  return validate;
}
