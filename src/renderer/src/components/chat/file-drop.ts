import { type DragEvent, useRef, useState } from 'react';
import { useAppStore } from '../../store/app-store';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/** Files dropped on the conversation are attached as "Attach files" would (`enabled`: not a read-only one). */
export function useFileDrop(enabled: boolean) {
  const attachFiles = useAppStore((state) => state.attachFiles);
  const [over, setOver] = useState(false);
  /** Enters minus leaves: dragging over the conversation's children enters and leaves them too. */
  const depth = useRef(0);
  if (!enabled) return { over: false, handlers: {} };
  return {
    over,
    handlers: {
      onDragEnter: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        depth.current += 1;
        setOver(true);
      },
      onDragOver: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDrop: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        void attachFiles([...event.dataTransfer.files]);
      },
    },
  };
}
