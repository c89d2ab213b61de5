import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';

export function ConversationSearch() {
  const query = useAppStore((state) => state.searchQuery);
  const search = useAppStore((state) => state.search);
  return (
    <div className="search-field">
      <Icon name="search" />
      <input
        type="search"
        placeholder="Search conversations"
        aria-label="Search conversations"
        value={query}
        onChange={(event) => void search(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query !== '') {
            event.stopPropagation();
            void search('');
          }
        }}
      />
    </div>
  );
}
