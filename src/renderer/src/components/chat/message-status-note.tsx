import type { ChatMessage } from '../../../../shared/models';
import { Icon } from '../common/icon';

/** Why an answer ended early: stopped by the user, or failed (with the run's error); partial text kept. */
export function MessageStatusNote({ message }: { readonly message: ChatMessage }) {
  const partial = message.text !== '';
  if (message.status === 'interrupted') {
    return (
      <p className="status-note status-interrupted" role="note">
        <Icon name="stop" size={14} /> Stopped
        {partial ? ' — the partial answer above was kept' : ' before any text'}
      </p>
    );
  }
  if (message.status === 'failed') {
    return (
      <div className="status-note status-failed" role="alert">
        <Icon name="alert" size={14} />
        <div>
          <strong>Error:</strong> {message.error?.message ?? 'the run failed'}
          {partial && <div className="status-detail">The partial answer above was kept.</div>}
        </div>
      </div>
    );
  }
  return null;
}
