import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createHost, type Host, type HostOptions } from '../../../src/host/host';
import { memorySecretStore } from '../../../src/host/settings/secret-store';
import type { StoredSettings } from '../../../src/host/settings/settings-store';
import { childProcessLauncher } from '../../../src/host/workers/child-process-launcher';
import type { EventName, EventPayload } from '../../../src/shared/ipc-contract';
import { workerEntry } from './worker-entry';

export interface TestHost {
  readonly host: Host;
  readonly output: string[];
  /** Every event the host emitted, in order. */
  readonly received: { name: EventName; payload: unknown }[];
  eventsOf<Name extends EventName>(name: Name): EventPayload<Name>[];
}

/** Settings of a test: a task queue no other test polls. */
export function testSettings(overrides: Partial<StoredSettings> = {}): Partial<StoredSettings> {
  return { taskQueue: `host-${randomUUID().slice(0, 8)}`, ...overrides };
}

export function writeSettings(dataDir: string, settings: Partial<StoredSettings>): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(settings));
}

/** A host on the shared Temporal server with real worker processes and real SQLite files in `dataDir`. */
export async function createTestHost(dataDir: string, options: Partial<HostOptions> = {}): Promise<TestHost> {
  const output: string[] = [];
  const host = await createHost({
    dataDir,
    launcher: childProcessLauncher({ entry: workerEntry, onOutput: (line) => output.push(line) }),
    temporal: { kind: 'external', address: inject('temporalAddress') },
    secrets: memorySecretStore(),
    demoModelPace: 200,
    log: (line) => output.push(line),
    ...options,
  });
  const received: { name: EventName; payload: unknown }[] = [];
  host.events.onAny((name, payload) => received.push({ name, payload }));
  return {
    host,
    output,
    received,
    eventsOf: <Name extends EventName>(name: Name) =>
      received.filter((event) => event.name === name).map((event) => event.payload as EventPayload<Name>),
  };
}
