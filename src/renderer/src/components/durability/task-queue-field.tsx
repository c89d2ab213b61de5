import { useEffect, useState } from 'react';
import type { WorkerInfo } from '../../../../shared/models';
import { useAppStore } from '../../store/app-store';
import { submitted } from '../common/submitted';

/** The worker's task queue, editable (a running worker restarts on the new queue — scenario 7). */
export function TaskQueueField({ worker }: { readonly worker: WorkerInfo }) {
  const setWorkerTaskQueue = useAppStore((state) => state.setWorkerTaskQueue);
  const expected = useAppStore((state) => state.settings?.taskQueue);
  const [draft, setDraft] = useState(worker.taskQueue);
  useEffect(() => setDraft(worker.taskQueue), [worker.taskQueue]);
  const changed = draft.trim() !== worker.taskQueue && draft.trim() !== '';
  const save = () => {
    if (changed) void setWorkerTaskQueue(worker.id, draft.trim());
  };
  const mismatch = expected !== undefined && worker.taskQueue !== expected;
  return (
    <form className="task-queue-field" onSubmit={submitted(save)}>
      <label>
        <span>Task queue</span>
        <input
          value={draft}
          aria-label={`Task queue of ${worker.label}`}
          spellCheck={false}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setDraft(worker.taskQueue);
            }
          }}
        />
      </label>
      {changed && (
        <button
          type="submit"
          className="button button-small button-primary"
          aria-label={`Save task queue of ${worker.label}`}
        >
          Save
        </button>
      )}
      {mismatch && !changed && (
        <span className="queue-warning" title={`Runs are sent to "${expected}"`}>
          not "{expected}"
        </span>
      )}
    </form>
  );
}
