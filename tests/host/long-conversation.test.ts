import { describe, expect, it } from 'vitest';
import type { SentMessage } from '../../src/shared/models';
import { setupTestHosts } from './support/setup-test-hosts';
import { testSettings } from './support/test-host';

const { readyTestHost } = setupTestHosts('long');

describe('Host: a conversation longer than the model', () => {
  it("shows the summary of earlier turns in the run's timeline, answers from it, and keeps every message in SQLite", async () => {
    const { host } = await readyTestHost(testSettings(), { demoModelPace: 0, demoModelContextWindow: 600 });

    const prompts = ['My name is Ada.', ...Array(3).fill('reply with 250 tokens'), 'What is my name?'];
    const turns: SentMessage[] = [];
    for (const text of prompts) {
      const conversationId = turns[0]?.conversation.id;
      turns.push(await host.handlers.sendMessage(conversationId ? { conversationId, text } : { text }));
      await host.idle();
    }
    const detail = await host.handlers.loadConversation({ conversationId: turns[0]!.conversation.id });
    expect(detail.messages).toHaveLength(10);
    expect(detail.messages[9]?.text).toBe('Your name is Ada.');
    const compacted = detail.timeline.filter((entry) => entry.kind === 'compacted');
    expect(compacted).toHaveLength(1);
    expect(compacted[0]?.runId).toBe(turns[4]!.run.id);
    expect(compacted[0]?.detail).toMatch(
      /^summary of earlier turns \(the model refused the input as too long; \d+ messages summarised, 1 kept; .*\): Summary of earlier turns: .* The user said: My name is Ada\./,
    );
  }, 180_000);
});
