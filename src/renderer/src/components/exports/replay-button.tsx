import { useState } from 'react';
import { Icon } from '../common/icon';
import { ReplayDialog } from './replay-dialog';

/** Replay on a finished answer: opens the run's playback. */
export function ReplayButton({ runId }: { readonly runId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-ghost button-small" onClick={() => setOpen(true)}>
        <Icon name="play" size={14} /> Replay
      </button>
      {open && <ReplayDialog runId={runId} onClose={() => setOpen(false)} />}
    </>
  );
}
