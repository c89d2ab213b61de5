import { isImportedConversation } from '../../../../shared/export-models';
import { useAppStore } from '../../store/app-store';

/** Shown instead of the prompt box in an imported conversation (a read-only copy). */
export function useReadOnlyConversation(): boolean {
  return useAppStore((state) => {
    const id = state.selectedConversationId;
    return id !== undefined && isImportedConversation(id);
  });
}

export function ReadOnlyNotice() {
  return (
    <p className="read-only-notice" role="note">
      This conversation was imported and is read-only: replay its answers, or export it again.
    </p>
  );
}
