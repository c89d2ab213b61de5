import { randomUUID } from 'node:crypto';
import {
  AgentError,
  ATTACHMENT_LIMITS,
  type AttachmentFolder,
  type AttachmentReference,
  formatBytes,
} from 'durable-agent';
import { ApiError } from '../../shared/api-error';

/** Bytes of one part of an upload: its base64 fits a web mode frame (1 MiB) with room to spare. */
export const UPLOAD_PART_BYTES = 512 * 1024;
/** Uploads in progress at once; a tab that starts more is refused. */
const MAX_OPEN_UPLOADS = 20;
/** An upload not finished within this is dropped. */
const UPLOAD_TTL_MS = 5 * 60_000;

interface OpenUpload {
  readonly name: string;
  readonly parts: Buffer[];
  bytes: number;
  readonly startedAt: number;
}

/**
 * Files arriving from the renderer in parts (web mode's frames are small), put in the attachment folder
 * when the last part arrives. The size limit is checked as parts arrive; type is checked on the whole file.
 */
export class AttachmentUploads {
  private readonly open = new Map<string, OpenUpload>();

  constructor(private readonly folder: AttachmentFolder) {}

  /** Adds a part; the last one (`final`) stores the file and answers its reference. */
  async add(request: {
    uploadId?: string;
    name: string;
    mediaType: string;
    base64: string;
    final: boolean;
  }): Promise<{ uploadId: string; reference?: AttachmentReference }> {
    this.dropStale();
    const uploadId = request.uploadId ?? randomUUID();
    let upload = this.open.get(uploadId);
    if (!upload) {
      if (request.uploadId) throw new ApiError('not-found', `no upload "${request.uploadId}" in progress`);
      if (this.open.size >= MAX_OPEN_UPLOADS)
        throw new ApiError('conflict', 'too many files are uploading at once');
      upload = { name: request.name, parts: [], bytes: 0, startedAt: Date.now() };
      this.open.set(uploadId, upload);
    }
    const part = Buffer.from(request.base64, 'base64');
    upload.parts.push(part);
    upload.bytes += part.byteLength;
    if (upload.bytes > ATTACHMENT_LIMITS.maxFileBytes) {
      this.open.delete(uploadId);
      throw new ApiError(
        'invalid-request',
        `${upload.name} is over ${formatBytes(ATTACHMENT_LIMITS.maxFileBytes)}, the limit per file`,
      );
    }
    if (!request.final) return { uploadId };
    this.open.delete(uploadId);
    try {
      const reference = await this.folder.put(upload.name, Buffer.concat(upload.parts), request.mediaType);
      return { uploadId, reference };
    } catch (error) {
      if (error instanceof AgentError) throw new ApiError('invalid-request', error.message);
      throw error;
    }
  }

  /** The content of a stored attachment, as base64 (an image's thumbnail). */
  async read(reference: AttachmentReference): Promise<{ base64: string }> {
    try {
      return { base64: (await this.folder.read(reference)).toString('base64') };
    } catch (error) {
      if (error instanceof AgentError) throw new ApiError('not-found', error.message);
      throw error;
    }
  }

  private dropStale(): void {
    const now = Date.now();
    for (const [id, upload] of this.open) if (now - upload.startedAt > UPLOAD_TTL_MS) this.open.delete(id);
  }
}
