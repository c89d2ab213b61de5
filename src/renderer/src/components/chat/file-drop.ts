import { type DragEvent, useState } from 'react';
import { useAppStore } from '../../store/app-store';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/** Files dropped on the conversation are attached as "Attach files" would (`enabled`: not a read-only one). */
export function useFileDrop(enabled: boolean) {
  const attachFiles = useAppStore((state) => state.attachFiles);
  const [over, setOver] = useState(false);
  if (!enabled) return { over: false, handlers: {} };
  return {
    over,
    handlers: {
      onDragOver: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: (event: DragEvent) => {
        if (event.currentTarget === event.target) setOver(false);
      },
      onDrop: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setOver(false);
        void attachFiles([...event.dataTransfer.files]);
      },
    },
  };
}
