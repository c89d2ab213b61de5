export type SettingsTab = 'general' | 'temporal' | 'mcp';

const tabs: readonly { readonly id: SettingsTab; readonly label: string }[] = [
  { id: 'general', label: 'General' },
  { id: 'temporal', label: 'Temporal connection' },
  { id: 'mcp', label: 'Tools (MCP servers)' },
];

/** The Settings dialog's sections. */
export function SettingsTabs({
  tab,
  onChange,
}: {
  readonly tab: SettingsTab;
  readonly onChange: (tab: SettingsTab) => void;
}) {
  return (
    <div className="settings-tabs" role="tablist" aria-label="Settings sections">
      {tabs.map((each) => (
        <button
          key={each.id}
          type="button"
          role="tab"
          aria-selected={tab === each.id}
          className={`settings-tab${tab === each.id ? ' is-selected' : ''}`}
          onClick={() => onChange(each.id)}
        >
          {each.label}
        </button>
      ))}
    </div>
  );
}
