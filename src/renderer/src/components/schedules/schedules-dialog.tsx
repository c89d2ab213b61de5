import '../../styles/schedules.css';
import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { ModalDialog } from '../common/modal-dialog';
import { NewScheduleForm } from './new-schedule-form';
import { ScheduleRow } from './schedule-row';

/** How often the open panel reads the schedules again (their next and last runs move). */
const REFRESH_MS = 2_000;

/** "Schedules": prompts the agent runs every interval or on a cron, each run landing in its conversation. */
export function SchedulesDialog() {
  const openDialog = useAppStore((state) => state.openDialog);
  const schedules = useAppStore((state) => state.schedules);
  const loadSchedules = useAppStore((state) => state.loadSchedules);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    void loadSchedules();
    const timer = setInterval(() => void loadSchedules(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadSchedules]);
  return (
    <ModalDialog title="Schedules" onClose={() => openDialog(undefined)} wide>
      <section className="card-panel" aria-label="Schedules">
        <p className="muted">
          Each run of a schedule is a run of the agent on Temporal, asked in its conversation as it is then.
        </p>
        {schedules.length === 0 ? (
          <p className="card-list-empty">No schedule yet.</p>
        ) : (
          <ul className="card-list">
            {schedules.map((schedule) => (
              <ScheduleRow key={schedule.id} schedule={schedule} />
            ))}
          </ul>
        )}
        {creating ? (
          <NewScheduleForm onDone={() => setCreating(false)} />
        ) : (
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New schedule
            </button>
          </div>
        )}
      </section>
    </ModalDialog>
  );
}
