import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/export-models';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { IconButton } from '../common/icon-button';
import { downloadFile } from './download-file';

const formats: readonly { readonly format: ExportFormat; readonly label: string }[] = [
  { format: 'md', label: 'MD' },
  { format: 'json', label: 'JSON' },
];

/** Web mode downloads the export; the desktop app asks where to save it (its native save dialog). */
async function saveExport(conversationId: string, format: ExportFormat): Promise<void> {
  if (window.api) {
    await api().saveConversationExport({ conversationId, format });
    return;
  }
  downloadFile(await api().exportConversation({ conversationId, format }));
}

/**
 * A conversation's Export item: one button that offers the formats — Markdown (readable) and JSON (with
 * every run's event log) — in place, so the row's actions stay narrow and never cover its title.
 */
export function ExportButtons({
  conversationId,
  title,
}: {
  readonly conversationId: string;
  readonly title: string;
}) {
  const attempt = useAppStore((state) => state.attempt);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <IconButton icon="download" label={`Export ${title}…`} title="Export…" onClick={() => setOpen(true)} />
    );
  }
  return (
    <>
      {formats.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          className="icon-button export-button"
          aria-label={`Export ${title} as ${format === 'md' ? 'Markdown' : 'JSON'}`}
          title={`Export as ${format === 'md' ? 'Markdown' : 'JSON'}`}
          onClick={() => {
            setOpen(false);
            void attempt('Export', () => saveExport(conversationId, format));
          }}
        >
          {label}
        </button>
      ))}
      <IconButton icon="close" label="Cancel export" onClick={() => setOpen(false)} />
    </>
  );
}
