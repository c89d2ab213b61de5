import { useState } from 'react';

/** Inline title editor: Enter saves, Esc cancels, leaving the field saves. */
export function RenameField({
  initial,
  onDone,
}: {
  readonly initial: string;
  readonly onDone: (title: string | undefined) => void;
}) {
  const [title, setTitle] = useState(initial);
  return (
    <input
      className="rename-field"
      aria-label="Conversation title"
      // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to rename
      autoFocus
      value={title}
      maxLength={200}
      onChange={(event) => setTitle(event.target.value)}
      onBlur={() => onDone(title.trim() || undefined)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onDone(title.trim() || undefined);
        if (event.key === 'Escape') {
          event.stopPropagation();
          onDone(undefined);
        }
      }}
    />
  );
}
