import { useRef } from 'react';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';

/** Imports a JSON export as a read-only conversation and opens it; a bad file says why, importing nothing. */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const attempt = useAppStore((state) => state.attempt);
  const selectConversation = useAppStore((state) => state.selectConversation);
  const notify = useAppStore((state) => state.notify);
  return (
    <>
      <button
        type="button"
        className="button button-small import-button"
        onClick={() => input.current?.click()}
      >
        Import conversation…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Import file"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          void attempt('Import', async () => {
            const summary = await api().importConversation({ text: await file.text() });
            notify(`Imported "${summary.title}" (read-only)`, 'info');
            await selectConversation(summary.id);
          });
        }}
      />
    </>
  );
}
