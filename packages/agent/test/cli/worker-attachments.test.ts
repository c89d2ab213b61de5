import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../src/client/agent';
import { assertLibraryBuilt } from './support/cli-process';
import { scenarioRegistry } from './support/scenario';

const scenarios = scenarioRegistry();
let folder: string | undefined;
let agent: Agent | undefined;
beforeAll(() => assertLibraryBuilt());
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  await scenarios.closeAll();
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('durable-agent worker --attachment-folder', () => {
  it('reads the files a client put in the shared folder (a worker in another terminal, as on another machine)', async () => {
    folder = await mkdtemp(join(tmpdir(), 'cli-attachments-'));
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker(['--attachment-folder', folder]);
    agent = await Agent.create({
      name: 'durable-agent',
      taskQueue: scenario.taskQueue,
      temporal: { address: scenario.temporalAddress },
      attachmentFolder: folder,
    });
    const result = await agent.run('What is in the attached file?', {
      attachments: [{ name: 'route.txt', content: Buffer.from('Lisbon to Porto by train\n3 hours') }],
    });
    expect(result.text).toBe('The file route.txt starts with: Lisbon to Porto by train');
  });
});
