import { useAppStore } from '../../store/app-store';
import type { ThemeChoice } from '../../theme-choice';
import { Icon, type IconName } from '../common/icon';

const themeOrder: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const themeIcons: Record<ThemeChoice, IconName> = { system: 'monitor', light: 'sun', dark: 'moon' };

export function SidebarFooter() {
  const openDialog = useAppStore((state) => state.openDialog);
  const theme = useAppStore((state) => state.theme);
  const setTheme = useAppStore((state) => state.setTheme);
  const connection = useAppStore((state) => state.connection);
  const next = themeOrder[(themeOrder.indexOf(theme) + 1) % themeOrder.length]!;
  return (
    <div className="sidebar-footer">
      <button type="button" className="footer-button" onClick={() => openDialog('scenarios')}>
        <Icon name="book" /> Scenario guide
      </button>
      <button type="button" className="footer-button" onClick={() => openDialog('schedules')}>
        <Icon name="clock" /> Schedules
      </button>
      <button type="button" className="footer-button" onClick={() => openDialog('settings')}>
        <Icon name="settings" /> Settings
      </button>
      <div className="footer-row">
        <button
          type="button"
          className="footer-button"
          aria-label={`Theme: ${theme} (switch to ${next})`}
          onClick={() => setTheme(next)}
        >
          <Icon name={themeIcons[theme]} /> Theme: {theme}
        </button>
        <span
          className={`connection-dot connection-${connection}`}
          title={`Host connection: ${connection}`}
        />
      </div>
    </div>
  );
}
