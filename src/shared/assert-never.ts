/** Marks a branch that a discriminated union makes unreachable; ends every `switch` on a union. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
