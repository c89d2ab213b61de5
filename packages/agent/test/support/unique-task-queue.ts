import { randomUUID } from 'node:crypto';

/** A task queue no other test uses: `<prefix>-<random>`. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
