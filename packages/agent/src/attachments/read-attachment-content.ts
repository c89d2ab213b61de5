import { ATTACHMENT_LIMITS, type AttachmentReference, attachmentKind } from '../common/attachment-reference';
import type { AttachmentContent } from '../llm/model-provider';
import type { AttachmentFolder } from './attachment-folder';
import { pdfText } from './pdf-text';

/** Reads an attachment for a model call: a text file's text, a PDF's extracted text, or an image's bytes. */
export async function readAttachmentContent(
  folder: AttachmentFolder,
  reference: AttachmentReference,
): Promise<AttachmentContent> {
  const bytes = await folder.read(reference);
  const kind = attachmentKind(reference);
  if (kind === 'image') return { ...reference, kind: 'image', base64: bytes.toString('base64') };
  const text = kind === 'pdf' ? await pdfText(bytes) : bytes.toString('utf8');
  const truncated = text.length > ATTACHMENT_LIMITS.maxTextCharacters;
  return {
    ...reference,
    kind: 'text',
    text: truncated ? text.slice(0, ATTACHMENT_LIMITS.maxTextCharacters) : text,
    truncated,
  };
}
