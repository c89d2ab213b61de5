/**
 * The message a run sends back to the model when its answer does not match the run's output schema (see
 * `RunConfig.output`): the validation errors, and a request to answer again.
 */
const OPENING = 'Your answer did not match the required JSON schema';

export function outputCorrectionMessage(errors: readonly string[]): string {
  const lines = errors.map((error) => `- ${error}`).join('\n');
  return `${OPENING}:\n${lines}\nAnswer again with JSON only, matching the schema.`;
}

export function isOutputCorrection(text: string): boolean {
  return text.startsWith(OPENING);
}
