/** Files the attachment specs attach (Playwright `setFiles` payloads). */

/** A 1×1 PNG (68 bytes). */
export const DOT_PNG = {
  name: 'dot.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
};

export const NOTES_TEXT = {
  name: 'notes.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from('Pack light for Lisbon\nsecond line, not quoted'),
};

export const NOTES_ANSWER = 'The file notes.txt starts with: Pack light for Lisbon';
export const DOT_ANSWER = `The file dot.png is an image (image/png, ${DOT_PNG.buffer.byteLength} bytes); the demo model cannot see what it shows.`;
