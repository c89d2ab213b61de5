import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { McpSettingsStore } from '../../src/host/settings/mcp-settings-store';
import { KEEP_STORED_VALUE } from '../../src/shared/mcp-models';
import { temporaryDirectory } from './support/temporary-directory';

let directory: ReturnType<typeof temporaryDirectory> | undefined;
afterEach(() => {
  directory?.remove();
  directory = undefined;
});

function storeIn(problems: string[] = []): { store: McpSettingsStore; file: string } {
  directory ??= temporaryDirectory('mcp-settings');
  return {
    store: McpSettingsStore.load(directory.path, (message) => problems.push(message)),
    file: path.join(directory.path, 'mcp.json'),
  };
}

const files = {
  name: 'files',
  enabled: true,
  transport: 'stdio' as const,
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-filesystem', '/notes'],
  env: { TOKEN: 'secret-1' },
};

describe('McpSettingsStore', () => {
  it('writes the usual mcp.json, lists names of variables only, and keeps a stored value sent back hidden', () => {
    const { store, file } = storeIn();
    store.save(files);
    store.save({
      ...files,
      previousName: 'files',
      name: 'notes',
      env: { TOKEN: KEEP_STORED_VALUE, MORE: 'x' },
    });

    expect(store.list()).toEqual([
      {
        name: 'notes',
        enabled: true,
        transport: 'stdio',
        command: 'npx',
        args: files.args,
        envNames: ['TOKEN', 'MORE'],
      },
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      mcpServers: { notes: { command: 'npx', args: files.args, env: { TOKEN: 'secret-1', MORE: 'x' } } },
    });
    expect(JSON.stringify(store.list())).not.toContain('secret-1');
  });

  it('gives workers the enabled servers only, with their secrets; a disabled one is kept with "disabled": true', () => {
    const { store, file } = storeIn();
    store.save(files);
    store.save({ name: 'web', enabled: true, transport: 'http', url: 'https://mcp.example.com/mcp' });
    store.setEnabled('files', false);
    expect(Object.keys(store.workerServers())).toEqual(['web']);
    expect(JSON.parse(readFileSync(file, 'utf8')).mcpServers.files.disabled).toBe(true);
    store.setEnabled('files', true);
    expect(store.workerServers().files).toMatchObject({ env: { TOKEN: 'secret-1' } });
  });

  it('refuses a hidden value it never stored, a taken name and a server that is not valid', () => {
    const { store } = storeIn();
    expect(() => store.save({ ...files, env: { TOKEN: KEEP_STORED_VALUE } })).toThrow(
      'the environment variable TOKEN has no stored value: enter it',
    );
    store.save(files);
    expect(() => store.save(files)).toThrow('there is already an MCP server named "files"');
    expect(() => store.save({ name: 'web', enabled: true, transport: 'http', url: 'nope' })).toThrow(
      'mcpServers.web.url: must be an http:// or https:// URL',
    );
    expect(() => store.remove('nothing')).toThrow('no MCP server named "nothing"');
  });

  it('reports an unreadable mcp.json and moves it aside on the next save instead of overwriting it', () => {
    directory = temporaryDirectory('mcp-settings');
    writeFileSync(path.join(directory.path, 'mcp.json'), '{"mcpServers": {"files": {"command": ');
    const problems: string[] = [];
    const { store } = storeIn(problems);
    expect(store.list()).toEqual([]);
    expect(problems[0]).toMatch(/^The MCP servers in .*mcp\.json could not be read \(/);

    store.save(files);
    const names = readdirSync(directory.path);
    expect(names).toContain('mcp.json');
    expect(names.some((name) => name.startsWith('mcp.json.damaged-'))).toBe(true);
  });
});
