import { ATTACHMENT_LIMITS, type AttachmentReference, formatBytes, messageOf } from 'durable-agent/run-view';
import type { SliceCreator } from './app-state';
import { previewOf, uploadAttachment } from './upload-attachment';

/** A file in the composer: uploading, then stored (its reference is what the message carries). */
export interface PendingAttachment {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  /** An image's thumbnail (a data URL). */
  readonly preview?: string;
  readonly reference?: AttachmentReference;
}

/** Files attached in the composer ("Attach files" or dropped on the conversation), and why some were not. */
export interface AttachmentsSlice {
  readonly pendingAttachments: readonly PendingAttachment[];
  /** Sentences saying which files were not attached and why (size, type, count). */
  readonly attachmentErrors: readonly string[];
  attachFiles(files: readonly File[]): Promise<void>;
  removeAttachment(key: string): void;
  /** Empties the composer's files (after a send). */
  clearAttachments(): void;
}

let nextKey = 0;

export const createAttachmentsSlice: SliceCreator<AttachmentsSlice> = (set, get) => {
  const update = (key: string, change: Partial<PendingAttachment>) =>
    set((state) => ({
      pendingAttachments: state.pendingAttachments.map((each) =>
        each.key === key ? { ...each, ...change } : each,
      ),
    }));
  const drop = (key: string, error?: string) =>
    set((state) => ({
      pendingAttachments: state.pendingAttachments.filter((each) => each.key !== key),
      attachmentErrors: error ? [...state.attachmentErrors, error] : state.attachmentErrors,
    }));
  const attach = async (file: File) => {
    const key = `attachment-${nextKey++}`;
    set((state) => ({
      pendingAttachments: [...state.pendingAttachments, { key, name: file.name, size: file.size }],
    }));
    try {
      if (file.type.startsWith('image/')) update(key, { preview: await previewOf(file) });
      update(key, { reference: await uploadAttachment(file) });
    } catch (error) {
      drop(key, messageOf(error));
    }
  };
  return {
    pendingAttachments: [],
    attachmentErrors: [],

    async attachFiles(files) {
      const errors: string[] = [];
      const room = ATTACHMENT_LIMITS.maxFilesPerMessage - get().pendingAttachments.length;
      const accepted: File[] = [];
      for (const file of files) {
        if (file.size > ATTACHMENT_LIMITS.maxFileBytes) {
          errors.push(
            `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(ATTACHMENT_LIMITS.maxFileBytes)} per file.`,
          );
        } else if (accepted.length >= room) {
          errors.push(
            `${file.name} was not attached: a message takes at most ${ATTACHMENT_LIMITS.maxFilesPerMessage} files.`,
          );
        } else accepted.push(file);
      }
      set({ attachmentErrors: errors });
      await Promise.all(accepted.map(attach));
    },

    removeAttachment(key) {
      drop(key);
    },

    clearAttachments() {
      set({ pendingAttachments: [], attachmentErrors: [] });
    },
  };
};
