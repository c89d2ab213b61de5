import type { ExportFormat } from '../../../../shared/export-models';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
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

/** A conversation's Export items: Markdown (readable) and JSON (with every run's event log). */
export function ExportButtons({
  conversationId,
  title,
}: {
  readonly conversationId: string;
  readonly title: string;
}) {
  const attempt = useAppStore((state) => state.attempt);
  return (
    <>
      {formats.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          className="icon-button export-button"
          aria-label={`Export ${title} as ${format === 'md' ? 'Markdown' : 'JSON'}`}
          title={`Export as ${format === 'md' ? 'Markdown' : 'JSON'}`}
          onClick={() => void attempt('Export', () => saveExport(conversationId, format))}
        >
          {label}
        </button>
      ))}
    </>
  );
}
