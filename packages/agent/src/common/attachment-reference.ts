/**
 * A file attached to a user message, by reference: what a run's workflow input and history carry instead of
 * the file's content, so a large file never pushes a workflow payload over Temporal's limits. The content
 * lives in an attachment folder (content-addressed: `id` is its SHA-256) that the model activity reads
 * when it builds the model's messages.
 */
export interface AttachmentReference {
  /** SHA-256 of the content, hex: the file's name in the attachment folder. */
  readonly id: string;
  /** The file's name as the user gave it (shown, and told to the model). */
  readonly name: string;
  /** What the content is: `text/…` (text and code), `application/pdf`, or `image/png|jpeg|gif|webp`. */
  readonly mediaType: string;
  /** Bytes. */
  readonly size: number;
}

/** What the content of an attachment is, for the model: text as is, a PDF's text, or an image part. */
export type AttachmentKind = 'text' | 'pdf' | 'image';

/** Limits on attachments, checked when a file is attached (the app also checks them before sending). */
export const ATTACHMENT_LIMITS = {
  /** Largest file, in bytes. */
  maxFileBytes: 10 * 1024 * 1024,
  /** Most files on one message. */
  maxFilesPerMessage: 10,
  /** Most characters of one file's text (a text file's or a PDF's) given to the model; the rest is cut. */
  maxTextCharacters: 200_000,
} as const;

/** The image types models take as image parts. */
export const IMAGE_MEDIA_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** The kind of an attachment, from its media type. */
export function attachmentKind(reference: AttachmentReference): AttachmentKind {
  if (reference.mediaType === 'application/pdf') return 'pdf';
  if (IMAGE_MEDIA_TYPES.includes(reference.mediaType)) return 'image';
  return 'text';
}

/** `1.2 MB`, `340 kB`, `12 bytes`. */
export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / (1024 * 1024)).toFixed(1)} MB`;
  if (size >= 1024) return `${Math.round(size / 1024)} kB`;
  return `${size} bytes`;
}
