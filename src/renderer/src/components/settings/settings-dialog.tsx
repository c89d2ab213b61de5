import { useState } from 'react';
import type { Settings } from '../../../../shared/models';
import type { SaveSettingsRequest } from '../../../../shared/request-schemas';
import { useAppStore } from '../../store/app-store';
import { ModalDialog } from '../common/modal-dialog';
import { submitted } from '../common/submitted';
import { ApiKeyField } from './api-key-field';
import { BudgetFields } from './budget-fields';
import { McpServersSection } from './mcp-servers-section';
import { ModelProfilesSection } from './model-profiles-section';
import { PriceTableSection } from './price-table-section';
import { type SettingsDraft, settingsChanges, settingsDraft } from './settings-draft';
import { type SettingsTab, SettingsTabs, settingsPanelId, settingsTabId } from './settings-tabs';
import { SystemPromptField } from './system-prompt-field';
import { TemporalConnectionSection } from './temporal-connection-section';
import { TestConnectionButton } from './test-connection-button';

/** A section's tab panel, labelled by its tab. */
const panelProps = (tab: SettingsTab) => ({
  role: 'tabpanel',
  id: settingsPanelId(tab),
  'aria-labelledby': settingsTabId(tab),
});

/** Model, API key (write-only), mode, timeout, task queue, approvals, Temporal; and the MCP servers. */
export function SettingsDialog() {
  const settings = useAppStore((state) => state.settings);
  const openDialog = useAppStore((state) => state.openDialog);
  const [tab, setTab] = useState<SettingsTab>('general');
  const close = () => openDialog(undefined);
  return (
    <ModalDialog title="Settings" onClose={close} wide={tab === 'mcp'}>
      <SettingsTabs tab={tab} onChange={setTab} />
      {/* Both stay mounted: switching sections keeps what was typed. */}
      <div {...panelProps('general')} hidden={tab !== 'general'}>
        {settings ? <SettingsForm settings={settings} onDone={close} /> : <p className="muted">Loading…</p>}
      </div>
      <div {...panelProps('profiles')} hidden={tab !== 'profiles'}>
        {tab === 'profiles' ? <ModelProfilesSection /> : null}
      </div>
      <div {...panelProps('prices')} hidden={tab !== 'prices'}>
        {tab === 'prices' && settings ? <PriceTableSection settings={settings} /> : null}
      </div>
      <div {...panelProps('temporal')} hidden={tab !== 'temporal'}>
        <TemporalConnectionSection temporalAddress={settings?.temporalAddress ?? null} />
      </div>
      <div {...panelProps('mcp')} hidden={tab !== 'mcp'}>
        <McpServersSection />
      </div>
    </ModalDialog>
  );
}

function SettingsForm({ settings, onDone }: { readonly settings: Settings; readonly onDone: () => void }) {
  const saveSettings = useAppStore((state) => state.saveSettings);
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraft(settings));
  const [apiKey, setApiKey] = useState<string | null | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const change = (field: keyof SettingsDraft) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [field]: event.target.value }));
  const changes = settingsChanges(settings, draft);
  const request: SaveSettingsRequest | undefined =
    changes === 'invalid' ? undefined : { ...changes, ...(apiKey !== undefined ? { apiKey } : {}) };
  const dirty = request !== undefined && Object.keys(request).length > 0;

  return (
    <form
      className="settings-form"
      onSubmit={submitted(async () => {
        if (!request || !dirty) return onDone();
        setSaving(true);
        const saved = await saveSettings(request);
        setSaving(false);
        if (saved) onDone();
      })}
    >
      <fieldset>
        <legend>Model</legend>
        <label>
          <span>Base URL</span>
          <input
            value={draft.modelBaseUrl}
            onChange={change('modelBaseUrl')}
            placeholder="empty: the offline demo model"
            spellCheck={false}
          />
          <small>Any OpenAI-compatible endpoint, e.g. https://api.openai.com/v1</small>
        </label>
        <label>
          <span>Model name</span>
          <input
            value={draft.modelBaseUrl.trim() === '' ? 'demo' : draft.modelName}
            onChange={change('modelName')}
            disabled={draft.modelBaseUrl.trim() === ''}
            spellCheck={false}
          />
        </label>
        <ApiKeyField hasApiKey={settings.hasApiKey} value={apiKey} onChange={setApiKey} />
        <TestConnectionButton
          modelBaseUrl={draft.modelBaseUrl.trim()}
          modelName={draft.modelName.trim()}
          apiKey={apiKey ?? undefined}
        />
        <SystemPromptField
          label="Default system prompt"
          value={draft.systemPrompt}
          rows={4}
          note="For conversations without their own (Conversation settings); each run carries it."
          onChange={(systemPrompt) => setDraft((previous) => ({ ...previous, systemPrompt }))}
        />
      </fieldset>
      <fieldset>
        <legend>Runs</legend>
        <label>
          <span>Mode</span>
          <select value={draft.mode} onChange={change('mode')}>
            <option value="interactive">Interactive — check for a worker, 5 min timeout</option>
            <option value="autonomous">Autonomous — wait in the queue, 60 min timeout</option>
          </select>
        </label>
        <label>
          <span>Timeout (seconds)</span>
          <input
            inputMode="numeric"
            value={draft.timeoutSeconds}
            onChange={change('timeoutSeconds')}
            placeholder="empty: the mode's default"
            aria-invalid={changes === 'invalid'}
          />
          <small>Also the worker-check window of interactive mode.</small>
        </label>
        <div className="field-pair">
          <label>
            <span>Task queue</span>
            <input value={draft.taskQueue} onChange={change('taskQueue')} spellCheck={false} />
          </label>
          <label>
            <span>Approvals</span>
            <select value={draft.approvalPolicy} onChange={change('approvalPolicy')}>
              <option value="tool-defined">As each tool says</option>
              <option value="require-all">Ask before every tool call</option>
              <option value="auto">Never ask</option>
            </select>
          </label>
        </div>
      </fieldset>
      <BudgetFields
        draft={draft.budget}
        onChange={(budget) => setDraft((previous) => ({ ...previous, budget }))}
      />
      <fieldset>
        <legend>Temporal</legend>
        <label>
          <span>Address</span>
          <input
            value={draft.temporalAddress}
            onChange={change('temporalAddress')}
            placeholder="empty: the embedded dev server"
            spellCheck={false}
          />
        </label>
      </fieldset>
      {changes === 'invalid' && (
        <p className="error-text">
          The timeout must be a whole number of seconds (1 or more), and each budget limit a number.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving || changes === 'invalid'}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
