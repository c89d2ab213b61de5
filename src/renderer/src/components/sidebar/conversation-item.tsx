import { useEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '../../../../shared/models';
import { formatDay } from '../../format/format-clock';
import { useAppStore } from '../../store/app-store';
import { IconButton } from '../common/icon-button';
import { ExportButtons } from '../exports/export-buttons';
import { HighlightedSnippet } from './highlighted-snippet';
import { RenameField } from './rename-field';

/**
 * One conversation: select it; rename or delete it (delete asks once more). Only the list's current item
 * is in the tab order (`tabbable`), its actions with it.
 */
export function ConversationItem({
  conversation,
  snippet,
  tabbable = true,
  onFocus,
}: {
  readonly conversation: ConversationSummary;
  readonly snippet?: string;
  readonly tabbable?: boolean;
  readonly onFocus?: () => void;
}) {
  const selected = useAppStore((state) => state.selectedConversationId === conversation.id);
  const query = useAppStore((state) => state.searchQuery);
  const selectConversation = useAppStore((state) => state.selectConversation);
  const renameConversation = useAppStore((state) => state.renameConversation);
  const deleteConversation = useAppStore((state) => state.deleteConversation);
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const actions = useRef<HTMLDivElement>(null);
  // The actions (some from other components) follow the item in or out of the tab order.
  useEffect(() => {
    for (const button of actions.current?.querySelectorAll('button') ?? [])
      button.tabIndex = tabbable ? 0 : -1;
  });

  if (renaming) {
    return (
      <li className="conversation-item is-editing">
        <RenameField
          initial={conversation.title}
          onDone={(title) => {
            setRenaming(false);
            if (title && title !== conversation.title) void renameConversation(conversation.id, title);
          }}
        />
      </li>
    );
  }
  return (
    <li className={`conversation-item${selected ? ' is-selected' : ''}`} onFocus={onFocus}>
      <button
        type="button"
        className="conversation-select"
        tabIndex={tabbable ? 0 : -1}
        aria-current={selected ? 'page' : undefined}
        onClick={() => void selectConversation(conversation.id)}
      >
        <span className="conversation-title">
          {conversation.activeRunId && <span className="live-dot" aria-hidden="true" />}
          {conversation.title}
          {conversation.activeRunId && <span className="visually-hidden">, answer in progress</span>}
        </span>
        {snippet === undefined ? (
          <span className="conversation-meta">
            {formatDay(conversation.updatedAt)} · {conversation.messageCount} messages
          </span>
        ) : (
          <span className="conversation-snippet">
            <HighlightedSnippet snippet={snippet} query={query} />
          </span>
        )}
      </button>
      <div className="conversation-actions" ref={actions}>
        {confirmingDelete ? (
          <>
            <button
              type="button"
              className="button button-danger button-small"
              aria-label={`Confirm delete ${conversation.title}`}
              onClick={() => void deleteConversation(conversation.id)}
            >
              Delete
            </button>
            <button
              type="button"
              className="button button-small"
              aria-label="Cancel delete"
              onClick={() => setConfirmingDelete(false)}
            >
              Keep
            </button>
          </>
        ) : (
          <>
            <ExportButtons conversationId={conversation.id} title={conversation.title} />
            <IconButton
              icon="edit"
              label={`Rename ${conversation.title}`}
              title="Rename"
              onClick={() => setRenaming(true)}
            />
            <IconButton
              icon="trash"
              label={`Delete ${conversation.title}`}
              title="Delete"
              onClick={() => setConfirmingDelete(true)}
            />
          </>
        )}
      </div>
    </li>
  );
}
