import { defineTool } from 'durable-agent';
import { z } from 'zod';

/** Where saved notes go (a real app would write a file or a database). */
export const savedNotes = [];

/** A tool the model may call; it asks a person first (`requiresApproval`), durably. */
export const saveNote = defineTool({
  name: 'saveNote',
  description: 'Saves a note for the user',
  parameters: z.object({ text: z.string().describe('what to note') }),
  requiresApproval: true,
  execute: ({ text }) => {
    savedNotes.push(text);
    return `saved note #${savedNotes.length}: ${text}`;
  },
});
