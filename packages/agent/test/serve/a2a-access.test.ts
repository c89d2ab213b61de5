import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { a2aClient, baseUrlOf, COMPLETED, userText } from './support/a2a-client';
import { useServeScenarios } from './support/serve-process';

const scenarios = useServeScenarios();

/** A raw JSON-RPC POST to /a2a with the given headers (Host too, which fetch cannot set). */
function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const sent = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(text),
          ...headers,
        },
      },
      (response) => {
        let answer = '';
        response.on('data', (chunk: Buffer) => {
          answer += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: answer }));
      },
    );
    sent.on('error', reject);
    sent.end(text);
  });
}

const getTaskCall = { jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'durable-agent/c/r' } };

describe('durable-agent serve: who may use the A2A endpoint', () => {
  it('with --token: 401 without it or with a wrong one, 403 for a foreign Host or Origin; the card is public; the SDK client with the token completes a task', async () => {
    const { serve } = await scenarios.serveWithWorker(0, ['--token', 'secret-1']);
    const endpoint = `${baseUrlOf(serve)}/a2a`;
    const version = { 'A2A-Version': '1.0' };

    expect((await post(endpoint, getTaskCall, version)).status).toBe(401);
    expect((await post(endpoint, getTaskCall, { ...version, Authorization: 'Bearer wrong' })).status).toBe(
      401,
    );
    const authorized = { ...version, Authorization: 'Bearer secret-1' };
    const foreignHost = await post(endpoint, getTaskCall, { ...authorized, Host: 'evil.example:80' });
    expect(foreignHost.status).toBe(403);
    const foreignOrigin = await post(endpoint, getTaskCall, { ...authorized, Origin: 'http://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    const notFound = await post(endpoint, getTaskCall, authorized);
    expect(notFound.status).toBe(200);
    expect(JSON.parse(notFound.text)).toMatchObject({
      id: 1,
      error: { message: expect.stringMatching(/no task/) },
    });

    const card = (await (await fetch(`${baseUrlOf(serve)}/.well-known/agent-card.json`)).json()) as {
      securitySchemes: unknown;
    };
    expect(card.securitySchemes).toMatchObject({ bearer: { httpAuthSecurityScheme: { scheme: 'Bearer' } } });
    expect(JSON.stringify(card)).not.toContain('secret-1');

    await expect((await a2aClient(serve)).sendMessage(userText('What is 12*7?'))).rejects.toThrow(/401/);
    const task = await (await a2aClient(serve, 'secret-1')).sendMessage(userText('What is 12*7?'));
    expect('id' in task && task.status?.state).toBe(COMPLETED);
  }, 120_000);

  it("answers A2A 0.3's method names (message/send, tasks/get) for clients that send no A2A-Version", async () => {
    const { serve } = await scenarios.serveWithWorker(0);
    const endpoint = `${baseUrlOf(serve)}/a2a`;
    const sent = await post(endpoint, {
      jsonrpc: '2.0',
      id: 'a',
      method: 'message/send',
      params: {
        message: {
          kind: 'message',
          messageId: 'm-1',
          role: 'user',
          parts: [{ kind: 'text', text: 'What is 12*7?' }],
        },
      },
    });
    expect(sent.status).toBe(200);
    const task = JSON.parse(sent.text).result;
    expect(task).toMatchObject({ kind: 'task', status: { state: 'completed' } });
    const read = await post(endpoint, {
      jsonrpc: '2.0',
      id: 'b',
      method: 'tasks/get',
      params: { id: task.id },
    });
    const again = JSON.parse(read.text).result;
    expect(again).toMatchObject({ id: task.id, status: { state: 'completed' } });
    expect(again.artifacts[0].parts[0]).toMatchObject({ kind: 'text', text: 'The result is 84.' });
  }, 120_000);
});
