import type { AttachmentReference } from 'durable-agent/run-view';
import { api } from '../api';

/** Bytes of one part: its base64 fits a web mode frame (the host's `UPLOAD_PART_BYTES`). */
const PART_BYTES = 512 * 1024;

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** Sends a file to the host in parts; the host stores it (checking size and type) and answers its reference. */
export async function uploadAttachment(file: File): Promise<AttachmentReference> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let uploadId: string | undefined;
  for (let start = 0; ; start += PART_BYTES) {
    const final = start + PART_BYTES >= bytes.length;
    const answer = await api().addAttachment({
      ...(uploadId ? { uploadId } : {}),
      name: file.name,
      mediaType: file.type,
      base64: base64Of(bytes.subarray(start, start + PART_BYTES)),
      final,
    });
    uploadId = answer.uploadId;
    if (final) {
      if (!answer.reference) throw new Error(`${file.name} was not stored`);
      return answer.reference;
    }
  }
}

/** A data URL of an image file, for its thumbnail before it is sent. */
export function previewOf(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
