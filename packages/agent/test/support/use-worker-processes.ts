import { afterEach } from 'vitest';
import { type AgentFixture, type AgentFixtureOptions, createAgentFixture } from './agent-fixture';
import { temporalAddress } from './temporal-connection';
import { WorkerProcess } from './worker-process';

/** A test's agent fixture and the worker processes it started on the fixture's task queue. */
export interface WorkerProcesses {
  /** Creates the test's fixture (see `createAgentFixture`). */
  createFixture(options?: AgentFixtureOptions): Promise<AgentFixture>;
  /** Starts a worker process on the fixture's task queue and demo model, with `environment` added. */
  startWorkerProcess(environment?: Readonly<Record<string, string>>): Promise<WorkerProcess>;
}

/**
 * Call once at the top of a test file: after each test, every worker process the test started is killed
 * (kill -9, as a crash) and then its fixture is closed.
 */
export function useWorkerProcesses(): WorkerProcesses {
  let fixture: AgentFixture | undefined;
  const processes: WorkerProcess[] = [];
  afterEach(async () => {
    for (const worker of processes.splice(0)) await worker.kill().catch(() => undefined);
    await fixture?.close();
    fixture = undefined;
  });
  return {
    async createFixture(options) {
      fixture = await createAgentFixture(options);
      return fixture;
    },
    async startWorkerProcess(environment = {}) {
      if (!fixture) throw new Error('create the fixture before starting a worker process');
      const worker = await WorkerProcess.start(
        fixture.taskQueue,
        fixture.model.baseURL,
        temporalAddress(),
        environment,
      );
      processes.push(worker);
      return worker;
    },
  };
}
