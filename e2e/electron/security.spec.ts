import { eventNames, eventVerbName, invokeNames } from '../../src/shared/ipc-contract';
import { expect, test } from './support/desktop-test';

test.describe('desktop app security', () => {
  test("the page is the app's own (app://), sees the API verbs and nothing of Node or IPC", async ({
    desktop,
  }) => {
    const { app, page } = await desktop.launch();
    const url = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.getURL(),
    );
    expect(url).toBe('app://durable-agent/index.html');

    const exposed = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      const api = scope.api as Record<string, unknown>;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        ipcRenderer: typeof scope.ipcRenderer,
        verbs: Object.keys(api).sort(),
      };
    });
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.ipcRenderer).toBe('undefined');
    expect(exposed.verbs).toEqual([...invokeNames, ...eventNames.map(eventVerbName)].sort());
  });

  test('remote content, new windows and navigation away are refused; bad requests get clear errors', async ({
    desktop,
  }) => {
    const { app, page } = await desktop.launch();
    const outcome = await page.evaluate(async () => {
      const scope = globalThis as unknown as {
        fetch: (url: string) => Promise<unknown>;
        open: (url: string) => unknown;
        api: { renameConversation(request: unknown): Promise<unknown> };
      };
      const remote = await scope.fetch('https://example.com/').then(
        () => 'loaded',
        () => 'refused',
      );
      const opened = scope.open('https://example.com/');
      const invalid = await scope.api.renameConversation({ conversationId: 'c1', title: '' }).then(
        () => 'accepted',
        (error: Error) => error.message,
      );
      return { remote, opened: opened === null, invalid };
    });
    expect(outcome).toEqual({
      remote: 'refused',
      opened: true,
      invalid: 'invalid renameConversation request: title: the title is empty',
    });
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://durable-agent/index.html');
  });
});
