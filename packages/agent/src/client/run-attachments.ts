import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AttachmentFolder } from '../attachments/attachment-folder';
import { ATTACHMENT_LIMITS, type AttachmentReference } from '../common/attachment-reference';
import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';

/**
 * A file to attach to a run's prompt (`agent.run(prompt, { attachments })`): a path to read, bytes with a
 * name, or a reference to a file already in the agent's attachment folder.
 */
export type AttachmentInput =
  | { readonly path: string; readonly name?: string }
  | { readonly name: string; readonly content: Uint8Array; readonly mediaType?: string }
  | AttachmentReference;

/**
 * Puts the run's attachments in the agent's attachment folder and returns their references — what the run's
 * input carries. Refuses, in words, too many files, a file too large or of a type models cannot read.
 */
export async function storeRunAttachments(
  attachments: readonly AttachmentInput[],
  folderPath: string | undefined,
): Promise<AttachmentReference[]> {
  if (attachments.length > ATTACHMENT_LIMITS.maxFilesPerMessage) {
    throw new AgentError(
      'invalid-input',
      `${attachments.length} files are attached; the limit is ${ATTACHMENT_LIMITS.maxFilesPerMessage} per message`,
    );
  }
  if (attachments.length === 0) return [];
  if (!folderPath) {
    throw new AgentError(
      'invalid-options',
      'attachments need an attachment folder: give the agent `attachmentFolder` (and its workers the same folder)',
    );
  }
  const folder = new AttachmentFolder(folderPath);
  const references: AttachmentReference[] = [];
  for (const attachment of attachments) references.push(await store(folder, attachment));
  return references;
}

async function store(folder: AttachmentFolder, attachment: AttachmentInput): Promise<AttachmentReference> {
  if ('id' in attachment) {
    await folder.read(attachment); // the reference must name content the workers can read
    return {
      id: attachment.id,
      name: attachment.name,
      mediaType: attachment.mediaType,
      size: attachment.size,
    };
  }
  if ('content' in attachment) return folder.put(attachment.name, attachment.content, attachment.mediaType);
  const content = await readFile(attachment.path).catch((error: unknown) => {
    const reason = messageOf(error);
    throw new AgentError('invalid-input', `the attachment ${attachment.path} cannot be read: ${reason}`);
  });
  return folder.put(attachment.name ?? basename(attachment.path), content);
}
