import { useRef } from 'react';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { AttachmentChip } from './attachment-chip';

/** "Attach files": the system's file chooser (the native open dialog in the desktop app). */
export function AttachFilesButton({ disabled }: { readonly disabled: boolean }) {
  const attachFiles = useAppStore((state) => state.attachFiles);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button button-ghost composer-button"
        aria-label="Attach files"
        title="Attach files: text and code, PDFs, images (or drop them on the conversation)"
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        <Icon name="paperclip" />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void attachFiles(files);
        }}
      />
    </>
  );
}

/** The files waiting in the composer (each removable), and why some were refused, in words. */
export function ComposerAttachments() {
  const pending = useAppStore((state) => state.pendingAttachments);
  const errors = useAppStore((state) => state.attachmentErrors);
  const removeAttachment = useAppStore((state) => state.removeAttachment);
  if (pending.length === 0 && errors.length === 0) return null;
  return (
    <div className="composer-attachments">
      {pending.length > 0 && (
        <ul className="attachment-list" aria-label="Files to send">
          {pending.map((attachment) => (
            <AttachmentChip
              key={attachment.key}
              name={attachment.name}
              size={attachment.size}
              {...(attachment.reference ? { reference: attachment.reference } : {})}
              {...(attachment.preview ? { preview: attachment.preview } : {})}
            >
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={`Remove ${attachment.name}`}
                onClick={() => removeAttachment(attachment.key)}
              >
                <Icon name="close" size={12} />
              </button>
            </AttachmentChip>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div className="attachment-errors" role="alert">
          <ul>
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
