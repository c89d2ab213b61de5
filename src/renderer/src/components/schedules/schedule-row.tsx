import type { ScheduleInfo } from '../../../../shared/schedule-models';
import { formatMoment } from '../../format/format-clock';
import { useAppStore } from '../../store/app-store';
import { RemoveButton } from '../common/remove-button';

/** One schedule: what it asks, when, its next and last runs, a jump to its conversation, and its verbs. */
export function ScheduleRow({ schedule }: { readonly schedule: ScheduleInfo }) {
  const scheduleAction = useAppStore((state) => state.scheduleAction);
  const selectConversation = useAppStore((state) => state.selectConversation);
  const openDialog = useAppStore((state) => state.openDialog);
  const title = useAppStore(
    (state) => state.conversations.find((each) => each.id === schedule.conversationId)?.title,
  );
  const timing =
    'every' in schedule.timing ? `every ${schedule.timing.every}` : `cron "${schedule.timing.cron}"`;
  return (
    <li className="card-list-item schedule" data-schedule={schedule.id} data-paused={schedule.paused}>
      <div className="card-list-head">
        <strong className="schedule-prompt">{schedule.prompt}</strong>
        <span className="schedule-timing">{timing}</span>
        {schedule.paused && <span className="state-pill">Paused</span>}
      </div>
      <dl className="schedule-runs">
        <dt>Next run</dt>
        <dd className="schedule-next">{schedule.paused ? '—' : when(schedule.nextRunAt)}</dd>
        <dt>Last run</dt>
        <dd className="schedule-last">{when(schedule.lastRunAt)}</dd>
      </dl>
      <div className="schedule-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            openDialog(undefined);
            void selectConversation(schedule.conversationId);
          }}
        >
          Open conversation{title ? `: ${title}` : ''}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => scheduleAction(schedule.paused ? 'resumeSchedule' : 'pauseSchedule', schedule.id)}
        >
          {schedule.paused ? 'Resume' : 'Pause'}
        </button>
        <RemoveButton text="Delete" onClick={() => scheduleAction('deleteSchedule', schedule.id)} />
      </div>
    </li>
  );
}

function when(iso: string | undefined): string {
  return iso ? formatMoment(iso) : '—';
}
