import { readFileSync } from 'node:fs';

const PACKAGES = [
  '@temporalio/ai-sdk',
  '@temporalio/worker',
  'ai',
  '@ai-sdk/openai-compatible',
  'durable-agent',
];

/** The installed versions the peer table was measured with (from the workspace's node_modules). */
export function peerVersions() {
  return Object.fromEntries(
    PACKAGES.map((name) => {
      const file = new URL(`../../../node_modules/${name}/package.json`, import.meta.url);
      return [name, JSON.parse(readFileSync(file, 'utf8')).version];
    }),
  );
}
