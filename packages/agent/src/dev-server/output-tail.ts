import type { Readable } from 'node:stream';

/** Splits a child's output streams into lines, forwards each to `onLine`, and keeps the last few. */
export class OutputTail {
  private readonly lines: string[] = [];
  private readonly partial = new Map<Readable, string>();

  constructor(
    private readonly maxLines = 40,
    private readonly onLine?: (line: string) => void,
  ) {}

  /** Follows `stream` until it ends. */
  follow(stream: Readable): void {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const pieces = ((this.partial.get(stream) ?? '') + chunk).split(/\r?\n/);
      this.partial.set(stream, pieces.pop() ?? '');
      for (const piece of pieces) this.push(piece);
    });
    stream.on('end', () => {
      const rest = this.partial.get(stream);
      this.partial.delete(stream);
      if (rest) this.push(rest);
    });
  }

  /** The last `count` non-empty lines, oldest first. */
  last(count = this.maxLines): string[] {
    return this.lines.slice(-count);
  }

  /** Whether any kept line matches `pattern`. */
  matches(pattern: RegExp): boolean {
    return this.lines.some((line) => pattern.test(line));
  }

  private push(line: string): void {
    if (line.trim() === '') return;
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
    try {
      this.onLine?.(line);
    } catch {
      // A throwing log callback must not break the supervision of the server.
    }
  }
}
