import type { Readable } from 'node:stream';

/** Keeps the last lines a server wrote to stderr, so a failure can say what the server said. */
export class StderrTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 20) {}

  /** Follows `stream` (a server's stderr) from now on. */
  follow(stream: Readable | null): void {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => this.append(chunk));
  }

  append(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((line) => line.trim() !== ''));
    if (this.lines.length > this.maxLines) this.lines = this.lines.slice(-this.maxLines);
  }

  /** The last `count` lines (the unfinished one too), oldest first; '' when the server said nothing. */
  text(count = 5): string {
    const lines = this.partial.trim() === '' ? this.lines : [...this.lines, this.partial];
    return lines
      .slice(-count)
      .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
      .join('\n');
  }

  clear(): void {
    this.lines = [];
    this.partial = '';
  }
}
