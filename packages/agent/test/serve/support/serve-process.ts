import { afterEach, beforeAll } from 'vitest';
import { assertLibraryBuilt, type CliProcess } from '../../cli/support/cli-process';
import { type Scenario, scenarioRegistry } from '../../cli/support/scenario';

export interface ServeProcess {
  readonly process: CliProcess;
  /** The endpoint it printed: `http://127.0.0.1:<port>/agent`. */
  readonly url: string;
}

/** `durable-agent serve --port 0 [args]` of the scenario (its Temporal, queue and data folder). */
export async function startServe(scenario: Scenario, args: readonly string[] = []): Promise<ServeProcess> {
  const index = scenario.processes.filter((each) => each.label.startsWith('serve')).length + 1;
  const child = scenario.spawn(`serve ${index}`, ['serve', '--port', '0', ...args]);
  await child.waitFor(/AG-UI endpoint: http:\/\/\S+\/agent\n/, { timeoutMs: 30_000 });
  const url = /AG-UI endpoint: (http:\/\/\S+\/agent)/.exec(child.stdout)?.[1];
  if (url === undefined) throw new Error(`serve printed no endpoint:\n${child.output}`);
  return { process: child, url };
}

/** Call once at the top of a serve test file (it runs the built CLI): each test's scenarios close after it. */
export function useServeScenarios() {
  const scenarios = scenarioRegistry();
  beforeAll(() => assertLibraryBuilt());
  afterEach(() => scenarios.closeAll());
  return {
    create: scenarios.create,
    /** A scenario whose demo model streams at `pace`, with a worker and `durable-agent serve [args]` on it. */
    async serveWithWorker(pace: number, args: readonly string[] = []) {
      const scenario = await scenarios.create({ pace });
      const worker = await scenario.startWorker();
      const serve = await startServe(scenario, args);
      return { scenario, worker, serve };
    },
  };
}
