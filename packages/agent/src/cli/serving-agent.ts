import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Agent } from '../client/agent';
import { messageOf } from '../common/error-message';
import { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
import { type AgentFlagOptions, createFlagAgent } from './agent-flags';
import { listenForShutdown } from './shutdown-signals';
import { visibleText } from './terminal-text';

/** Closes what a serving command opened; the runs it started go on (they are Temporal's). */
export type StopServing = () => void | Promise<void>;

/**
 * Starts serving with `agent`; `requestStop` asks for the stop Ctrl+C would (e.g. when an MCP host
 * closes stdin). Resolves, once serving, with how to stop.
 */
export type StartServing = (agent: Agent, requestStop: () => void) => Promise<StopServing>;

/**
 * The life of a serving command (`serve`, `mcp-server`): opens the conversations store of the data
 * folder and the Agent its flags describe, starts serving, and stops at Ctrl+C / SIGTERM (a second one
 * exits at once, 130). Resolves with the exit code: 0 after a stop, 1 on a failure (said on stderr).
 */
export async function serveAgent(options: AgentFlagOptions, start: StartServing): Promise<number> {
  const { dataDirectory } = options.config;
  mkdirSync(dataDirectory, { recursive: true });
  const conversations = new SqliteConversationStore(path.join(dataDirectory, 'conversations.db'));
  const shutdown = listenForShutdown(() => process.exit(130));
  let agent: Agent | undefined;
  try {
    agent = await createFlagAgent(options, conversations);
    const stop = await start(agent, () => shutdown.request());
    await shutdown.requested;
    await stop();
    return 0;
  } catch (error) {
    console.error(`[error] ${visibleText(messageOf(error))}`);
    return 1;
  } finally {
    shutdown.dispose();
    await agent?.close().catch(() => undefined);
    conversations.close();
  }
}
