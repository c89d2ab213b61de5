import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { promptSuggestions } from './prompt-suggestions';

/** The empty conversation: what the app shows off, and prompts to start with. */
export function Welcome() {
  const sendMessage = useAppStore((state) => state.sendMessage);
  const openDialog = useAppStore((state) => state.openDialog);
  const sending = useAppStore((state) => state.sending);
  return (
    <div className="welcome">
      <h2>Answers that survive crashes</h2>
      <p>
        Every answer is a Temporal workflow run by a worker process. Kill a worker mid-answer from the panel
        on the right, restart it, and watch the answer finish — without duplicated text.
      </p>
      <div className="suggestions">
        {promptSuggestions.map((suggestion) => (
          <button
            key={suggestion.prompt}
            type="button"
            className="choice-card suggestion"
            disabled={sending}
            onClick={() => void sendMessage(suggestion.prompt)}
          >
            <span className="suggestion-title">{suggestion.title}</span>
            <span className="suggestion-prompt">{suggestion.prompt}</span>
          </button>
        ))}
      </div>
      <button type="button" className="button button-ghost" onClick={() => openDialog('scenarios')}>
        <Icon name="book" /> Walk through the durability scenarios
      </button>
    </div>
  );
}
