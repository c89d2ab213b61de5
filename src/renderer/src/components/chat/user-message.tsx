import { useState } from 'react';
import type { ChatMessage } from '../../../../shared/models';
import { useAppStore } from '../../store/app-store';
import { selectActiveRunId } from '../../store/selectors';
import { Icon } from '../common/icon';
import { submitted } from '../common/submitted';
import { useReadOnlyConversation } from '../exports/read-only-notice';
import { MessageAttachments } from './attachment-chip';
import { CopyButton } from './copy-button';
import { VersionSwitcher } from './version-switcher';

/** A sent prompt: its text, Copy, "Edit message" (a new version answered on its own branch), its versions. */
export function UserMessage({ message }: { readonly message: ChatMessage }) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const editMessage = useAppStore((state) => state.editMessage);
  const answering = useAppStore((state) => selectActiveRunId(state) !== undefined);
  const readOnly = useReadOnlyConversation();
  if (draft !== undefined) {
    const submit = async () => {
      if (draft.trim() === '') return;
      if (await editMessage(message.id, draft)) setDraft(undefined);
    };
    return (
      <form className="message-editor" onSubmit={submitted(submit)}>
        <textarea
          className="message-editor-text"
          aria-label="Edited message"
          value={draft}
          // biome-ignore lint/a11y/noAutofocus: the editor opens on the user's request and is where they type
          autoFocus
          rows={Math.min(10, draft.split('\n').length + 1)}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setDraft(undefined);
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              void submit();
            }
          }}
        />
        <div className="message-editor-actions">
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => setDraft(undefined)}
          >
            Cancel
          </button>
          <button type="submit" className="button button-primary button-small" disabled={draft.trim() === ''}>
            Save and send
          </button>
        </div>
      </form>
    );
  }
  return (
    <>
      {message.attachments?.length ? <MessageAttachments attachments={message.attachments} /> : null}
      {message.text !== '' && <p className="user-text">{message.text}</p>}
      <div className="message-actions">
        <VersionSwitcher message={message} disabled={answering} />
        <CopyButton text={() => message.text} label="Copy message" />
        {!readOnly && (
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label="Edit message"
            title="Edit message"
            disabled={answering}
            onClick={() => setDraft(message.text)}
          >
            <Icon name="edit" size={14} />
          </button>
        )}
      </div>
    </>
  );
}
