/** A mistake on the command line: the command prints the message and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
