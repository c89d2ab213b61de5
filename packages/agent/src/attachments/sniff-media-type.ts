import { ATTACHMENT_LIMITS, formatBytes } from '../common/attachment-reference';
import { AgentError } from '../common/errors';

/** Leading bytes that say what a file is, whatever its name or the browser's guess says. */
const signatures: readonly {
  readonly mediaType: string;
  readonly matches: (bytes: Uint8Array) => boolean;
}[] = [
  { mediaType: 'application/pdf', matches: (bytes) => startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { mediaType: 'image/png', matches: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) },
  { mediaType: 'image/jpeg', matches: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  { mediaType: 'image/gif', matches: (bytes) => startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) },
  {
    mediaType: 'image/webp',
    matches: (bytes) =>
      startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP',
  },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Whether the bytes are UTF-8 text (no NUL byte, valid encoding): text and code files of any extension. */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The media type of an attachment from its content: a PDF, a PNG/JPEG/GIF/WebP image, or UTF-8 text (kept as
 * `given` when that is a `text/…` type, else `text/plain`). Refuses, in words, other files and files over the
 * size limit.
 */
export function sniffMediaType(name: string, bytes: Uint8Array, given?: string): string {
  if (bytes.byteLength > ATTACHMENT_LIMITS.maxFileBytes) {
    throw new AgentError(
      'invalid-input',
      `${name} is ${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(ATTACHMENT_LIMITS.maxFileBytes)} per file`,
    );
  }
  const signed = signatures.find((signature) => signature.matches(bytes));
  if (signed) return signed.mediaType;
  if (isText(bytes)) return given?.startsWith('text/') ? given : 'text/plain';
  throw new AgentError(
    'invalid-input',
    `${name} cannot be attached: only text and code files, PDFs and PNG, JPEG, GIF or WebP images can`,
  );
}
