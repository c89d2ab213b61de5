import type { CliProcess } from '../../cli/support/cli-process';
import type { Scenario } from '../../cli/support/scenario';

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
