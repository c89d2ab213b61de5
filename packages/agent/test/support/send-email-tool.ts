import { z } from 'zod';
import { defineTool } from '../../src/tools/define-tool';

/** A tool that asks for approval before every call; approved, it answers `sent to <to>`. */
export const sendEmail = defineTool({
  name: 'sendEmail',
  description: 'Send an email',
  parameters: z.object({ to: z.string() }),
  requiresApproval: true,
  execute: ({ to }) => `sent to ${to}`,
});

/** The demo model's prompt that makes it call `sendEmail` once, to ada@example.com. */
export const ASK_EMAIL = 'call tool sendEmail with {"to":"ada@example.com"}';
