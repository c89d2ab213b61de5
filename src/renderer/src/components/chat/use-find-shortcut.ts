import { type RefObject, useEffect, useState } from 'react';

/** Whether the find bar is open: Ctrl/Cmd+F (not with Shift) opens it, the field's text selected. */
export function useFindShortcut(
  field: RefObject<HTMLInputElement | null>,
): [open: boolean, setOpen: (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        setOpen(true);
        requestAnimationFrame(() => field.current?.select());
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [field]);
  return [open, setOpen];
}
