import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { AttachmentUploads } from './attachment-uploads';

export type AttachmentChannel = 'addAttachment' | 'readAttachment';

/** Files attached in the composer: uploaded in parts into the data folder, read back for thumbnails. */
export function attachmentHandlers(uploads: AttachmentUploads): Pick<InvokeHandlers, AttachmentChannel> {
  return {
    addAttachment: (request) => uploads.add(request),
    readAttachment: ({ reference }) => uploads.read(reference),
  };
}
