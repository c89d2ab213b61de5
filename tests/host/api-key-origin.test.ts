import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host/host';
import { memorySecretStore } from '../../src/host/settings/secret-store';
import { SettingsStore } from '../../src/host/settings/settings-store';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

let directory: ReturnType<typeof temporaryDirectory>;
let folders = 0;
const hosts: Host[] = [];
const servers: Server[] = [];

beforeAll(() => {
  directory = temporaryDirectory('api-key-origin');
});

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  for (const server of servers) server.close();
  directory?.remove();
});

function folder(settings: Record<string, unknown> = {}): string {
  const dataDir = path.join(directory.path, `data-${++folders}`);
  writeSettings(dataDir, { ...testSettings(), ...settings });
  return dataDir;
}

/** An OpenAI-compatible model that refuses every call (401), remembering the Authorization it was sent. */
async function recordingModel(): Promise<{ port: number; authorizations: string[] }> {
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '(none)');
    request.resume();
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: 'invalid api key', type: 'invalid_request_error' } }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, authorizations };
}

describe('SettingsStore: the API key is bound to the origin of its base URL', () => {
  it('keeps the key when the base URL changes within its origin (another path)', () => {
    const secrets = memorySecretStore();
    const settings = SettingsStore.load(folder(), secrets);
    settings.save({ modelBaseUrl: 'https://api.example.com/v1', apiKey: 'sk-example' });
    const changed = settings.save({ modelBaseUrl: 'https://api.example.com/v2' });
    expect(changed.has('apiKey')).toBe(false);
    expect(settings.apiKey()).toBe('sk-example');
  });

  it('removes the key when the base URL moves to another origin (host, port or scheme), and says so', () => {
    for (const next of [
      'https://evil.example/v1',
      'https://api.example.com:8443/v1',
      'http://api.example.com/v1',
    ]) {
      const secrets = memorySecretStore();
      const dropped: [string, string][] = [];
      const dataDir = folder();
      const settings = SettingsStore.load(dataDir, secrets, (from, to) => dropped.push([from, to]));
      settings.save({ modelBaseUrl: 'https://api.example.com/v1', apiKey: 'sk-example' });
      const changed = settings.save({ modelBaseUrl: next });
      expect(changed.has('apiKey'), next).toBe(true);
      expect(settings.get().hasApiKey).toBe(false);
      expect(settings.apiKey()).toBeUndefined();
      expect(secrets.get()).toBeUndefined();
      expect(dropped).toEqual([['https://api.example.com', new URL(next).origin]]);
      expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).apiKeyOrigin).toBe(
        new URL(next).origin,
      );
    }
  });

  it('binds a key given together with a new base URL to that URL, and the demo model is an origin of its own', () => {
    const secrets = memorySecretStore();
    const dropped: string[] = [];
    const settings = SettingsStore.load(folder(), secrets, (from) => dropped.push(from));
    settings.save({ apiKey: 'sk-typed-for-the-demo' });
    settings.save({ modelBaseUrl: 'https://api.example.com/v1' });
    expect(dropped).toEqual(['']);
    expect(settings.apiKey()).toBeUndefined();
    settings.save({ modelBaseUrl: 'https://other.example/v1', apiKey: 'sk-other' });
    expect(settings.apiKey()).toBe('sk-other');
    expect(dropped).toEqual(['']);
  });

  it('removes at start-up a key bound to another origin than settings.json now names (edited by hand)', () => {
    const dataDir = folder({
      modelBaseUrl: 'https://elsewhere.example/v1',
      apiKeyOrigin: 'https://api.example.com',
    });
    const secrets = memorySecretStore('sk-example');
    const dropped: [string, string][] = [];
    const settings = SettingsStore.load(dataDir, secrets, (from, to) => dropped.push([from, to]));
    expect(dropped).toEqual([['https://api.example.com', 'https://elsewhere.example']]);
    expect(settings.get().hasApiKey).toBe(false);
    expect(secrets.get()).toBeUndefined();
  });

  it('binds a key stored before keys were bound to the base URL it is used with', () => {
    const dataDir = folder({ modelBaseUrl: 'https://api.example.com/v1' });
    const settings = SettingsStore.load(dataDir, memorySecretStore('sk-example'));
    expect(settings.apiKey()).toBe('sk-example');
    settings.save({ modelName: 'gpt-test' });
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).apiKeyOrigin).toBe(
      'https://api.example.com',
    );
  });
});

describe('the host with a model base URL moved to another origin', () => {
  it('never sends the stored key to the new host, and tells the user to enter it again', async () => {
    const first = await recordingModel();
    const second = await recordingModel();
    const { host, eventsOf } = await createTestHost(folder());
    hosts.push(host);
    await host.started;
    await host.handlers.saveSettings({
      modelBaseUrl: `http://127.0.0.1:${first.port}/v1`,
      modelName: 'test-model',
      apiKey: 'sk-secret-for-the-first-host',
    });
    const readyWorker = () =>
      waitUntil(
        async () => (await host.handlers.listWorkers()).find((worker) => worker.status.state === 'ready'),
        'a ready worker',
        90_000,
      );
    await readyWorker();
    await host.handlers.sendMessage({ text: 'hello' });
    await waitUntil(() => first.authorizations.length > 0, 'the first host to be called');
    expect(first.authorizations[0]).toBe('Bearer sk-secret-for-the-first-host');
    await host.idle();

    // Another origin (localhost is not 127.0.0.1): the key is removed, the UI is told.
    const saved = await host.handlers.saveSettings({ modelBaseUrl: `http://localhost:${second.port}/v1` });
    expect(saved.hasApiKey).toBe(false);
    expect(eventsOf('settingsChanged').at(-1)?.hasApiKey).toBe(false);
    const notices = await host.handlers.listHostNotices();
    expect(notices).toEqual([
      expect.objectContaining({
        id: 'api-key-dropped',
        text: `The API key was entered for http://127.0.0.1:${first.port}; the model base URL now points to http://localhost:${second.port}, so the key was removed and not sent there. Enter the API key for the new address in Settings.`,
      }),
    ]);
    expect(eventsOf('hostNoticesChanged').at(-1)).toEqual(notices);

    await readyWorker();
    await host.handlers.sendMessage({ text: 'hello again' });
    await waitUntil(() => second.authorizations.length > 0, 'the second host to be called');
    await host.idle();
    expect(second.authorizations.join(' ')).not.toContain('sk-secret');
  });
});
