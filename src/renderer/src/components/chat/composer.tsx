import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { selectActiveRunId } from '../../store/selectors';
import { selectTemporalOutage } from '../../store/temporal-selectors';
import { ComposerActions } from './composer-actions';
import { AttachFilesButton, ComposerAttachments } from './composer-attachments';

/** The prompt box: Enter sends, Shift+Enter adds a line; Stop (or Esc, anywhere) stops the answer. */
export function Composer() {
  const [text, setText] = useState('');
  const sending = useAppStore((state) => state.sending);
  const activeRunId = useAppStore(selectActiveRunId);
  const conversationId = useAppStore((state) => state.selectedConversationId);
  const sendMessage = useAppStore((state) => state.sendMessage);
  const steerRun = useAppStore((state) => state.steerRun);
  const temporalDown = useAppStore((state) => selectTemporalOutage(state) !== undefined);
  const field = useRef<HTMLTextAreaElement>(null);
  const attachments = useAppStore((state) => state.pendingAttachments);
  const clearAttachments = useAppStore((state) => state.clearAttachments);
  const uploading = attachments.some((attachment) => attachment.reference === undefined);
  const empty = text.trim() === '' && attachments.length === 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the prompt when the conversation changes
  useEffect(() => field.current?.focus(), [conversationId]);

  const busy = sending || activeRunId !== undefined;
  /** "Send now": while the agent answers, the message goes into its run; it reads it at its next round. */
  const steer = async () => {
    if (!activeRunId || temporalDown || text.trim() === '') return;
    const sent = text;
    setText('');
    if (!(await steerRun(activeRunId, sent))) setText(sent);
  };
  const submit = async () => {
    if (activeRunId) return steer();
    if (busy || temporalDown || uploading || empty) return;
    const sent = text;
    const references = attachments.flatMap((attachment) =>
      attachment.reference ? [attachment.reference] : [],
    );
    setText('');
    if (await sendMessage(sent, references)) clearAttachments();
    else setText(sent);
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ComposerAttachments />
      <AttachFilesButton disabled={false} />
      <textarea
        ref={field}
        className="composer-input"
        aria-label="Message"
        placeholder={
          busy ? 'The agent is answering… type to send it a message now (Esc to stop)' : 'Message the agent'
        }
        rows={Math.min(8, Math.max(1, text.split('\n').length))}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void submit();
          }
        }}
      />
      <ComposerActions
        hasText={text.trim() !== ''}
        sendDisabled={busy || temporalDown || uploading || empty}
        uploading={uploading}
        onSteer={() => void steer()}
      />
      <p className="composer-hint">
        <kbd>Enter</kbd> send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line · <kbd>Esc</kbd> stop
      </p>
    </form>
  );
}
