import { messageOf } from 'durable-agent/run-view';
import { useEffect, useState } from 'react';
import { type ModelProfile, SETTINGS_PROFILE_ID } from '../../../../shared/model-profile-models';
import type { ConversationSummary, Settings } from '../../../../shared/models';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { selectSelectedConversation } from '../../store/selectors';
import { type Choice, ChoiceSelect } from '../common/choice-select';
import { ModalDialog } from '../common/modal-dialog';
import { submitted } from '../common/submitted';
import { SystemPromptField } from '../settings/system-prompt-field';
import {
  ConversationBudgetFields,
  conversationBudgetDraft,
  conversationBudgetOf,
} from './conversation-budget-fields';

/** The endpoint's models for the picker: loading, the list, or why it could not be read. */
type ModelList =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly models: readonly string[] }
  | { readonly state: 'failed'; readonly message: string };

/**
 * A conversation's own system prompt, model profile, model and fallback profile (else the defaults of
 * Settings), for its next runs.
 */
export function ConversationSettingsDialog() {
  const conversation = useAppStore(selectSelectedConversation);
  const settings = useAppStore((state) => state.settings);
  const openDialog = useAppStore((state) => state.openDialog);
  const close = () => openDialog(undefined);
  return (
    <ModalDialog title="Conversation settings" onClose={close}>
      {conversation && settings ? (
        <ConversationSettingsForm conversation={conversation} settings={settings} onDone={close} />
      ) : (
        <p className="muted">Send a first message: the settings belong to a conversation.</p>
      )}
    </ModalDialog>
  );
}

function ConversationSettingsForm({
  conversation,
  settings,
  onDone,
}: {
  readonly conversation: ConversationSummary;
  readonly settings: Settings;
  readonly onDone: () => void;
}) {
  const attempt = useAppStore((state) => state.attempt);
  const [useDefaultPrompt, setUseDefaultPrompt] = useState(conversation.systemPrompt === undefined);
  const [systemPrompt, setSystemPrompt] = useState(conversation.systemPrompt ?? settings.systemPrompt);
  const [model, setModel] = useState(conversation.model ?? '');
  const [profileId, setProfileId] = useState(conversation.modelProfileId ?? '');
  const [fallbackProfileId, setFallbackProfileId] = useState(conversation.fallbackProfileId ?? '');
  const [profiles, setProfiles] = useState<readonly ModelProfile[]>([]);
  const [models, setModels] = useState<ModelList>({ state: 'loading' });
  const [saving, setSaving] = useState(false);
  const [budget, setBudget] = useState(() => conversationBudgetDraft(conversation.budget));
  const [budgetProblem, setBudgetProblem] = useState(false);
  useEffect(() => {
    void api().listModelProfiles().then(setProfiles);
  }, []);
  useEffect(() => {
    setModels({ state: 'loading' });
    api()
      .listModels(profileId === '' ? {} : { profileId })
      .then(
        (listed) => setModels({ state: 'ready', models: listed }),
        (error: unknown) => setModels({ state: 'failed', message: messageOf(error) }),
      );
  }, [profileId]);
  const choices = models.state === 'ready' ? models.models : [];
  const profile = profiles.find((each) => each.id === profileId);
  const profileChoices = profiles.map((each) => ({ value: each.id, label: each.name }));
  const defaultModel = profile
    ? profile.defaultModel
    : settings.modelBaseUrl === ''
      ? 'demo'
      : settings.modelName;
  return (
    <form
      className="settings-form"
      onSubmit={submitted(async () => {
        const limits = conversationBudgetOf(budget);
        setBudgetProblem(limits === 'invalid');
        if (limits === 'invalid') return;
        setSaving(true);
        const saved = await attempt('Saving the conversation settings', () =>
          api().setConversationSettings({
            conversationId: conversation.id,
            systemPrompt: useDefaultPrompt ? null : systemPrompt,
            model: model === '' ? null : model,
            modelProfileId: profileId === '' ? null : profileId,
            fallbackProfileId: fallbackProfileId === '' ? null : fallbackProfileId,
            budget: limits,
          }),
        );
        setSaving(false);
        if (saved) onDone();
      })}
    >
      <fieldset>
        <legend>System prompt</legend>
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={useDefaultPrompt}
            onChange={(event) => setUseDefaultPrompt(event.target.checked)}
          />
          <span>Use the default of Settings</span>
        </label>
        <SystemPromptField
          label="System prompt of this conversation"
          value={useDefaultPrompt ? settings.systemPrompt : systemPrompt}
          rows={5}
          disabled={useDefaultPrompt}
          note="Goes with each new run of this conversation; runs already made keep theirs."
          onChange={setSystemPrompt}
        />
      </fieldset>
      <fieldset>
        <legend>Model</legend>
        <label>
          <span>Profile</span>
          <ChoiceSelect
            value={profileId}
            choices={[{ value: '', label: 'Settings (General)' }, ...profileChoices]}
            onChange={(chosen) => {
              setProfileId(chosen);
              setModel('');
            }}
          />
        </label>
        <label>
          <span>Model</span>
          <ChoiceSelect
            value={model}
            choices={modelChoices(model, choices, defaultModel)}
            onChange={setModel}
          />
          <small role="status">{modelListStatus(models)}</small>
        </label>
        <label>
          <span>Fallback profile</span>
          <ChoiceSelect
            value={fallbackProfileId}
            choices={[
              { value: '', label: 'None' },
              { value: SETTINGS_PROFILE_ID, label: 'Settings (General)' },
              ...profileChoices,
            ]}
            onChange={setFallbackProfileId}
          />
          <small>Its default model answers when this model fails for good (after its retries).</small>
        </label>
      </fieldset>
      <ConversationBudgetFields draft={budget} onChange={setBudget} invalid={budgetProblem} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

/** The Model choices: the default first, then the chosen model (kept if the endpoint stops listing it), then the listed ones. */
function modelChoices(model: string, listed: readonly string[], defaultModel: string): Choice[] {
  const names = [...new Set(model === '' ? listed : [model, ...listed])];
  return [
    { value: '', label: `Default (${defaultModel})` },
    ...names.map((name) => ({ value: name, label: name })),
  ];
}

function modelListStatus(models: ModelList): string {
  if (models.state === 'loading') return 'Reading the models of the endpoint…';
  if (models.state === 'failed') return `The endpoint's models could not be read: ${models.message}`;
  return `${models.models.length} models listed by the endpoint.`;
}
