import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../packages/agent/test/support/free-port';
import type { Host } from '../../src/host/host';
import type { TemporalStatus, WorkerInfo } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

const SCRIPTS = path.join(import.meta.dirname, '..', '..', 'scripts', 'scale-out');
const API_KEY = 'app-test-key';
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate));
const skipReason = nginx === undefined ? 'nginx is not installed (apt-get install nginx-light)' : undefined;
if (skipReason) console.warn(`SKIPPED (not passed): the app through a TLS + API key proxy — ${skipReason}`);

let directory: ReturnType<typeof temporaryDirectory> | undefined;
let host: Host | undefined;
let proxy: ChildProcess | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
  if (proxy && proxy.exitCode === null) {
    const exited = new Promise((resolve) => proxy?.once('exit', resolve));
    proxy.kill('SIGTERM');
    await exited;
  }
  directory?.remove();
  directory = undefined;
});

describe('Settings → Temporal connection', () => {
  it.skipIf(skipReason)(
    `answers through a Temporal behind TLS, an mTLS certificate and an API key, keeping the secrets out of the settings file${skipReason ? ` [SKIPPED: ${skipReason}]` : ''}`,
    async () => {
      directory = temporaryDirectory('temporal-connection');
      const certificates = path.join(directory.path, 'certificates');
      execFileSync('bash', [path.join(SCRIPTS, 'make-certs.sh'), certificates]);
      const proxyAddress = `127.0.0.1:${await freePort()}`;
      proxy = spawn(
        'bash',
        [path.join(SCRIPTS, 'tls-proxy.sh'), certificates, proxyAddress, inject('temporalAddress'), API_KEY],
        { stdio: 'inherit' },
      );
      const dataDir = path.join(directory.path, 'data');
      writeSettings(dataDir, testSettings());
      const test = await createTestHost(dataDir);
      host = test.host;
      const app = test.host;
      await app.started;

      const pem = (name: string) => readFileSync(path.join(certificates, name), 'utf8');
      const saved = await host.handlers.saveTemporalConnection({
        serverName: 'temporal.scale-out.test',
        serverCa: pem('ca.pem'),
        clientCert: pem('client.pem'),
        clientKey: pem('client.key'),
        apiKey: API_KEY,
      });
      expect(saved).toMatchObject({
        hasApiKey: true,
        hasClientKey: true,
        serverName: 'temporal.scale-out.test',
      });
      expect(JSON.stringify(saved)).not.toContain(API_KEY);
      expect(JSON.stringify(saved)).not.toContain('PRIVATE KEY');
      const file = readFileSync(path.join(dataDir, 'temporal-connection.json'), 'utf8');
      expect(file).not.toContain(API_KEY);
      expect(file).not.toContain('PRIVATE KEY');

      const workersBefore = ((await host.handlers.listWorkers()) as WorkerInfo[]).map((each) => each.pid);
      await host.handlers.saveSettings({ temporalAddress: proxyAddress });
      const ready = await waitUntil(
        async () => {
          const status = (await host?.handlers.getTemporalStatus()) as TemporalStatus;
          return status.state === 'ready' && status.address === proxyAddress ? status : undefined;
        },
        'Temporal ready through the proxy',
        30_000,
      );
      expect(ready.source).toBe('external');
      // A worker process started after the switch, so connected through the proxy, is ready.
      await waitUntil(
        async () =>
          ((await app.handlers.listWorkers()) as WorkerInfo[]).find(
            (each) =>
              each.status.state === 'ready' && each.pid !== undefined && !workersBefore.includes(each.pid),
          ),
        'a worker connected through the proxy',
        90_000,
      );
      const sent = await host.handlers.sendMessage({ text: 'Hello from remote agent!' });
      const conversationId = sent.conversation.id;
      const answered = await waitUntil(
        async () => {
          const detail = await host?.handlers.loadConversation({ conversationId });
          return detail?.messages[1]?.status === 'complete' ? detail : undefined;
        },
        'the answer',
        60_000,
      );
      expect(answered.messages[1]?.text).toBe('Hello! How can I help you today?');

      // A wrong API key: Temporal is no longer reachable for the app, and says so.
      await host.handlers.saveTemporalConnection({ apiKey: 'not-the-key' });
      const refused = await waitUntil(
        async () => {
          const status = (await host?.handlers.getTemporalStatus()) as TemporalStatus;
          return status.state !== 'ready' && status.state !== 'starting' ? status : undefined;
        },
        'Temporal refusing the app',
        30_000,
      );
      expect(refused.address).toBe(proxyAddress);
      expect(refused.error).toContain(`Temporal at ${proxyAddress} refused the app's credentials`);
    },
    180_000,
  );
});
