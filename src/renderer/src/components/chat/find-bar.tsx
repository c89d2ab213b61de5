import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { selectSelectedMessages } from '../../store/selectors';
import { Icon } from '../common/icon';
import { clearMatches, findMatches, paintMatches, revealMatch } from './find-matches';
import { useFindShortcut } from './use-find-shortcut';

/**
 * Ctrl/Cmd+F: finds in the open conversation — every match highlighted, the current one apart, its count,
 * Enter / Shift+Enter (or the buttons) for next / previous, Esc closes. The app's own bar in the desktop
 * app and in the browser alike.
 */
export function FindBar() {
  const field = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useFindShortcut(field);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const currentRef = useRef(0);
  const [count, setCount] = useState(0);
  const ranges = useRef<Range[]>([]);
  const messages = useAppStore(selectSelectedMessages);

  // Search again whenever the query or the messages change (an answer streaming in, another branch).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `messages` is the trigger, read through the DOM
  useEffect(() => {
    const root = document.querySelector<HTMLElement>('.message-list');
    ranges.current = open && root ? findMatches(root, query) : [];
    const shown = Math.min(currentRef.current, Math.max(0, ranges.current.length - 1));
    currentRef.current = shown;
    setCurrent(shown);
    setCount(ranges.current.length);
    if (open) paintMatches(ranges.current, shown);
    else clearMatches();
  }, [open, query, messages]);

  useEffect(() => clearMatches, []);

  if (!open) return null;
  const step = (delta: number) => {
    if (count === 0) return;
    const next = (current + delta + count) % count;
    currentRef.current = next;
    setCurrent(next);
    paintMatches(ranges.current, next);
    revealMatch(ranges.current[next]);
  };
  const close = () => {
    setOpen(false);
    clearMatches();
  };
  return (
    <search className="find-bar" aria-label="Find in conversation">
      <input
        ref={field}
        type="text"
        className="find-field"
        aria-label="Find in conversation"
        placeholder="Find in conversation"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          currentRef.current = 0;
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            step(event.shiftKey ? -1 : 1);
          }
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            close();
          }
        }}
      />
      <span className="find-count" role="status" data-testid="find-count">
        {query === '' ? '' : count === 0 ? 'No matches' : `${current + 1} of ${count}`}
      </span>
      <button
        type="button"
        className="button button-ghost button-small"
        aria-label="Previous match"
        disabled={count === 0}
        onClick={() => step(-1)}
      >
        ‹
      </button>
      <button
        type="button"
        className="button button-ghost button-small"
        aria-label="Next match"
        disabled={count === 0}
        onClick={() => step(1)}
      >
        ›
      </button>
      <button
        type="button"
        className="button button-ghost button-small"
        aria-label="Close find"
        onClick={close}
      >
        <Icon name="close" size={14} />
      </button>
    </search>
  );
}
