/** A file attached to a user message, as the demo model reads it from the message's content parts. */
export interface ChatAttachment {
  readonly name: string;
  readonly mediaType: string;
  /** The size the header gives. */
  readonly size: number;
  /** A text file's (or a PDF's) text. */
  readonly text?: string;
  /** An image: how many bytes its image part carried. */
  readonly imageBytes?: number;
}

const header =
  /^<attachment name="([^"]*)" type="([^"]*)" size="(\d+)"(?: \/>|>\n([\s\S]*)\n<\/attachment>)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Bytes of a `data:<type>;base64,<data>` URL, or undefined for anything else. */
function dataUrlBytes(url: unknown): number | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /^data:[\w.+-]+\/[\w.+-]+;base64,([A-Za-z0-9+/]*={0,2})$/.exec(url);
  return match ? Buffer.from(match[1] ?? '', 'base64').byteLength : undefined;
}

/**
 * Splits a message's content parts into its own text and its attachments: `<attachment …>` text parts (a
 * text file's content inside, or an image's header followed by its `image_url` part).
 */
export function readContentParts(parts: readonly unknown[]): {
  text: string;
  attachments: ChatAttachment[];
} {
  let text = '';
  const attachments: ChatAttachment[] = [];
  for (const part of parts) {
    if (!isRecord(part)) continue;
    if (part.type === 'image_url') {
      const last = attachments.at(-1);
      const bytes = dataUrlBytes(isRecord(part.image_url) ? part.image_url.url : undefined);
      if (last && last.imageBytes === undefined && last.text === undefined && bytes !== undefined)
        attachments[attachments.length - 1] = { ...last, imageBytes: bytes };
      continue;
    }
    if (typeof part.text !== 'string') continue;
    const match = header.exec(part.text);
    if (match === null) {
      text += part.text;
      continue;
    }
    attachments.push({
      name: match[1] ?? '',
      mediaType: match[2] ?? '',
      size: Number(match[3]),
      ...(match[4] === undefined ? {} : { text: match[4] }),
    });
  }
  return { text, attachments };
}

/**
 * The demo model's answer to `What is in the attached file?`: per file, `The file <name> starts with: <its
 * first line>` (a PDF's first line of text); for an image, what it can honestly say — it cannot see images.
 */
export function attachedFileReply(attachments: readonly ChatAttachment[]): string {
  if (attachments.length === 0) return 'No file is attached to this message.';
  return attachments
    .map((attachment) => {
      if (attachment.text !== undefined) {
        const firstLine = attachment.text.split('\n').find((line) => line.trim() !== '') ?? '';
        return `The file ${attachment.name} starts with: ${firstLine.trim()}`;
      }
      if (attachment.imageBytes !== undefined) {
        return `The file ${attachment.name} is an image (${attachment.mediaType}, ${attachment.imageBytes} bytes); the demo model cannot see what it shows.`;
      }
      return `The file ${attachment.name} came without its content.`;
    })
    .join('\n\n');
}
