import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentReference } from '../common/attachment-reference';
import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';
import { sniffMediaType } from './sniff-media-type';

/**
 * A folder of attachments, content-addressed: each file is stored once under its SHA-256. Clients put files
 * in it (`agent.run(prompt, { attachments })`); workers read them when they build a model call. A worker on
 * another machine needs the same folder (a shared or network folder mounted there) — see docs/attachments.md.
 */
export class AttachmentFolder {
  constructor(readonly path: string) {}

  /** Stores the bytes (once per content) and returns the reference a message carries. */
  async put(name: string, bytes: Uint8Array, mediaType?: string): Promise<AttachmentReference> {
    const checkedName = name.trim();
    if (checkedName === '') throw new AgentError('invalid-input', 'an attachment needs a file name');
    const reference: AttachmentReference = {
      id: createHash('sha256').update(bytes).digest('hex'),
      name: checkedName,
      mediaType: sniffMediaType(checkedName, bytes, mediaType),
      size: bytes.byteLength,
    };
    const file = this.fileOf(reference.id);
    const present = await stat(file).then(
      (found) => found.size === bytes.byteLength,
      () => false,
    );
    if (!present) {
      await mkdir(this.path, { recursive: true });
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, file);
    }
    return reference;
  }

  /** The content of an attachment; checks that it is the content the reference names. */
  async read(reference: AttachmentReference): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.fileOf(reference.id));
    } catch (error) {
      const reason = messageOf(error);
      throw new AgentError(
        'attachment-not-found',
        `the attachment ${reference.name} (${reference.id.slice(0, 12)}…) is not in the attachment folder ${this.path}: ${reason}`,
      );
    }
    if (createHash('sha256').update(bytes).digest('hex') !== reference.id) {
      throw new AgentError(
        'invalid-input',
        `the stored content of ${reference.name} does not match its reference`,
      );
    }
    return bytes;
  }

  private fileOf(id: string): string {
    if (!/^[0-9a-f]{64}$/.test(id)) throw new AgentError('invalid-input', `"${id}" is not an attachment id`);
    return join(this.path, id);
  }
}
