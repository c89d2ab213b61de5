import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface WebProcess {
  readonly child: ChildProcess;
  readonly url: URL;
  readonly token: string;
  readonly output: string[];
  /** Resolves once the process has ended. */
  readonly exited: Promise<void>;
}

/** Starts built web mode (`node main.js …`) and waits for the address it prints. */
export async function startWebProcess(
  main: string,
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<WebProcess> {
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web mode printed no address: ${output.join(' | ')}`)),
      timeoutMs,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /Durable Agent web UI: (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(() => reject(new Error(`web mode exited: ${output.join(' | ')}`)));
  });
  const url = new URL(address);
  return { child, url, token: url.searchParams.get('token') ?? '', output, exited };
}
