import {
  answerText,
  EMPTY_RUN_VIEW,
  messageOf,
  planReplay,
  playReplay,
  type RunView,
} from 'durable-agent/run-view';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { MarkdownText } from '../chat/markdown-text';
import { ModalDialog } from '../common/modal-dialog';
import { ReplayMilestones } from './replay-milestones';
import { SubAgentBlocks } from './sub-agent-blocks';

const speeds = [1, 4, 16] as const;

/**
 * Plays a finished run back from its recorded events, at the recorded pace or faster: the text and the
 * timeline move together through the same reducer as a live run — attempts, resets and sub-agents
 * included — with no model, worker or Temporal involved.
 */
export function ReplayDialog({ runId, onClose }: { readonly runId: string; readonly onClose: () => void }) {
  const notify = useAppStore((state) => state.notify);
  const [speed, setSpeed] = useState<(typeof speeds)[number]>(4);
  const [round, setRound] = useState(0);
  const [view, setView] = useState<RunView>(EMPTY_RUN_VIEW);
  const [playing, setPlaying] = useState(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` restarts the replay
  useEffect(() => {
    let playback: { stop(): void } | undefined;
    let cancelled = false;
    setView(EMPTY_RUN_VIEW);
    setPlaying(true);
    api()
      .loadRunReplay({ runId })
      .then((replay) => {
        if (cancelled) return;
        const running = playReplay(planReplay(replay.events, { speed }), (step) => setView(step.view));
        playback = running;
        void running.done.then(() => !cancelled && setPlaying(false));
      })
      .catch((error: unknown) => {
        notify(`Replay failed: ${messageOf(error)}`);
        onClose();
      });
    return () => {
      cancelled = true;
      playback?.stop();
    };
  }, [runId, speed, round]);

  const text = answerText(view);
  return (
    <ModalDialog title="Replay" onClose={onClose} wide>
      <fieldset className="replay-controls" aria-label="Replay speed">
        {speeds.map((each) => (
          <button
            key={each}
            type="button"
            className={`button button-small${each === speed ? ' button-primary' : ''}`}
            aria-pressed={each === speed}
            onClick={() => setSpeed(each)}
          >
            {each}×
          </button>
        ))}
        <button type="button" className="button button-small" onClick={() => setRound((value) => value + 1)}>
          Restart
        </button>
        <span className="replay-state" data-testid="replay-state">
          {playing
            ? `playing${view.currentAttempt > 1 ? ` · attempt ${view.currentAttempt}` : ''}`
            : `finished · ${view.phase}`}
        </span>
      </fieldset>
      <div className="replay-body">
        <section className="replay-answer" aria-label="Replayed answer">
          <SubAgentBlocks subAgents={view.subAgents} />
          {text !== '' && <MarkdownText text={text} streaming={playing} />}
        </section>
        <ReplayMilestones milestones={view.milestones} />
      </div>
    </ModalDialog>
  );
}
