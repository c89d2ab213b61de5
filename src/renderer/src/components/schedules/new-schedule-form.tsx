import { type FormEvent, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { ChoiceSelect } from '../common/choice-select';

type Repeat = 'every' | 'cron';

/** "New schedule": the prompt, every interval or a cron expression, and the conversation of its runs. */
export function NewScheduleForm({ onDone }: { readonly onDone: () => void }) {
  const conversations = useAppStore((state) => state.conversations);
  const selected = useAppStore((state) => state.selectedConversationId);
  const createSchedule = useAppStore((state) => state.createSchedule);
  const [prompt, setPrompt] = useState('');
  const [repeat, setRepeat] = useState<Repeat>('every');
  const [timing, setTiming] = useState('1h');
  const [conversationId, setConversationId] = useState(selected ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await createSchedule({
      prompt,
      ...(repeat === 'every' ? { every: timing } : { cron: timing }),
      ...(conversationId ? { conversationId } : {}),
    });
    if (created) onDone();
  };
  return (
    <form className="settings-form schedule-form" aria-label="New schedule" onSubmit={submit}>
      <label>
        Prompt
        <textarea required rows={2} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
      </label>
      <div className="field-pair">
        <label>
          Repeat
          <select
            value={repeat}
            onChange={(event) => {
              const next = event.target.value as Repeat;
              setRepeat(next);
              setTiming(next === 'every' ? '1h' : '0 8 * * *');
            }}
          >
            <option value="every">Every</option>
            <option value="cron">Cron (UTC)</option>
          </select>
        </label>
        <label>
          {repeat === 'every' ? 'Interval (30s, 5m, 1h, 1d)' : 'Cron expression'}
          <input required value={timing} onChange={(event) => setTiming(event.target.value)} />
        </label>
      </div>
      <label>
        Conversation
        <ChoiceSelect
          value={conversationId}
          choices={[
            { value: '', label: 'A new conversation' },
            ...conversations.map((conversation) => ({ value: conversation.id, label: conversation.title })),
          ]}
          onChange={setConversationId}
        />
      </label>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Create schedule
        </button>
      </div>
    </form>
  );
}
