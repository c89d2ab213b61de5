import { type KeyboardEvent, useState } from 'react';

const SELECT_BUTTON = '.conversation-select';

/**
 * A list that is one tab stop (the roving tab index): only the current item is tabbable; ↑/↓ move to the
 * previous/next item, Home/End to the first/last. The current item is the one last focused, else the
 * selected one, else the first.
 */
export function useRovingFocus(ids: readonly string[], selectedId: string | undefined) {
  const [focusedId, setFocusedId] = useState<string | undefined>(undefined);
  const currentId = [focusedId, selectedId].find((id) => id !== undefined && ids.includes(id)) ?? ids[0];
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>(SELECT_BUTTON)];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(buttons.length - 1, target));
    setFocusedId(ids[next]);
    buttons[next]?.focus();
  };
  return { currentId, onKeyDown, onFocusItem: setFocusedId };
}
