export type SettingsTab = 'general' | 'profiles' | 'prices' | 'temporal' | 'mcp';

const tabs: readonly { readonly id: SettingsTab; readonly label: string }[] = [
  { id: 'general', label: 'General' },
  { id: 'profiles', label: 'Model profiles' },
  { id: 'prices', label: 'Prices' },
  { id: 'temporal', label: 'Temporal connection' },
  { id: 'mcp', label: 'Tools (MCP servers)' },
];

/** The id of a section's panel (its tab controls it). */
export const settingsPanelId = (tab: SettingsTab) => `settings-panel-${tab}`;
export const settingsTabId = (tab: SettingsTab) => `settings-tab-${tab}`;

/** The Settings dialog's sections: ARIA tabs (one tab stop, ←/→/Home/End move and select). */
export function SettingsTabs({
  tab,
  onChange,
}: {
  readonly tab: SettingsTab;
  readonly onChange: (tab: SettingsTab) => void;
}) {
  return (
    <div
      className="settings-tabs"
      role="tablist"
      aria-label="Settings sections"
      onKeyDown={(event) => {
        const index = tabs.findIndex((each) => each.id === tab);
        const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[
          event.key
        ];
        if (next === undefined) return;
        event.preventDefault();
        const target = tabs[(next + tabs.length) % tabs.length]!.id;
        onChange(target);
        document.getElementById(settingsTabId(target))?.focus();
      }}
    >
      {tabs.map((each) => (
        <button
          key={each.id}
          id={settingsTabId(each.id)}
          type="button"
          role="tab"
          aria-selected={tab === each.id}
          aria-controls={settingsPanelId(each.id)}
          tabIndex={tab === each.id ? 0 : -1}
          className={`settings-tab${tab === each.id ? ' is-selected' : ''}`}
          onClick={() => onChange(each.id)}
        >
          {each.label}
        </button>
      ))}
    </div>
  );
}
