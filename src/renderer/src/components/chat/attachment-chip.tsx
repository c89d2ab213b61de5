import { type AttachmentReference, formatBytes } from 'durable-agent/run-view';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { Icon } from '../common/icon';

/** Thumbnails already read from the host, by attachment id (an image is read once per window). */
const thumbnails = new Map<string, Promise<string>>();

function thumbnailOf(reference: AttachmentReference): Promise<string> {
  let found = thumbnails.get(reference.id);
  if (!found) {
    found = api()
      .readAttachment({ reference })
      .then(({ base64 }) => `data:${reference.mediaType};base64,${base64}`);
    found.catch(() => thumbnails.delete(reference.id));
    thumbnails.set(reference.id, found);
  }
  return found;
}

/** An image's thumbnail: `preview` when the composer has it, else read from the host. */
function Thumbnail({
  reference,
  preview,
}: {
  readonly reference?: AttachmentReference;
  readonly preview?: string;
}) {
  const [source, setSource] = useState(preview);
  useEffect(() => {
    if (preview || !reference) return;
    let current = true;
    void thumbnailOf(reference).then(
      (url) => current && setSource(url),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [reference, preview]);
  return source ? <img className="attachment-thumbnail" src={source} alt="" /> : <Icon name="file" />;
}

/** One attached file: an image's thumbnail (else a file icon), its name and size. */
export function AttachmentChip({
  name,
  size,
  reference,
  preview,
  children,
}: {
  readonly name: string;
  readonly size: number;
  readonly reference?: AttachmentReference;
  readonly preview?: string;
  readonly children?: React.ReactNode;
}) {
  const image = reference ? reference.mediaType.startsWith('image/') : preview !== undefined;
  return (
    <li className="attachment-chip" aria-label={`${name}, ${formatBytes(size)}`}>
      {image ? <Thumbnail reference={reference} preview={preview} /> : <Icon name="file" />}
      <span className="attachment-name">{name}</span>
      <span className="attachment-size">{reference ? formatBytes(size) : 'uploading…'}</span>
      {children}
    </li>
  );
}

/** The files of a sent message. */
export function MessageAttachments({
  attachments,
}: {
  readonly attachments: readonly AttachmentReference[];
}) {
  return (
    <ul className="attachment-list" aria-label="Attached files">
      {attachments.map((reference) => (
        <AttachmentChip
          key={reference.id + reference.name}
          name={reference.name}
          size={reference.size}
          reference={reference}
        />
      ))}
    </ul>
  );
}
