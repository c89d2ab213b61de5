import { useEffect } from 'react';
import { useAppStore } from './store/app-store';
import { selectActiveRunId } from './store/selectors';

/** Esc stops the answer being written (when no dialog is open); Ctrl/Cmd+K searches; Ctrl/Cmd+Shift+O: new. */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = useAppStore.getState();
      if (event.key === 'Escape' && !event.defaultPrevented && state.dialog === undefined) {
        const runId = selectActiveRunId(state);
        if (runId) {
          event.preventDefault();
          void state.stopRun(runId);
        }
        return;
      }
      const command = event.ctrlKey || event.metaKey;
      if (command && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
      }
      if (command && event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        void state.selectConversation(undefined);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
