import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import { formatBytes } from '../common/attachment-reference';
import type { AttachmentContent } from './model-provider';

/**
 * A user message with attachments as OpenAI content parts: the prompt, then each file — a text file's or a
 * PDF's text in an `<attachment>` element naming it, an image as a header naming it and an image part.
 */
export function attachmentParts(
  prompt: string,
  attachments: readonly AttachmentContent[],
): ChatCompletionContentPart[] {
  const parts: ChatCompletionContentPart[] = prompt === '' ? [] : [{ type: 'text', text: prompt }];
  for (const attachment of attachments) {
    const header = `name="${attachment.name.replaceAll('"', "'")}" type="${attachment.mediaType}" size="${attachment.size}"`;
    if (attachment.kind === 'image') {
      parts.push({ type: 'text', text: `<attachment ${header} />` });
      parts.push({
        type: 'image_url',
        image_url: { url: `data:${attachment.mediaType};base64,${attachment.base64}` },
      });
    } else {
      const cut = attachment.truncated
        ? `\n[cut: only the first ${attachment.text.length} characters of ${formatBytes(attachment.size)} are given]`
        : '';
      parts.push({ type: 'text', text: `<attachment ${header}>\n${attachment.text}${cut}\n</attachment>` });
    }
  }
  return parts;
}
