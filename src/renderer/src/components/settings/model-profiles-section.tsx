import { messageOf } from 'durable-agent/run-view';
import { useEffect, useState } from 'react';
import type { ModelProfile } from '../../../../shared/model-profile-models';
import type { ModelConnectionCheck } from '../../../../shared/models';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { RemoveButton } from '../common/remove-button';
import { submitted } from '../common/submitted';

/**
 * Settings › Model profiles: endpoints besides the one of General, each with a name, base URL, API key
 * (write-only) and default model; a conversation picks one in its settings. Test connection per profile.
 */
export function ModelProfilesSection() {
  const attempt = useAppStore((state) => state.attempt);
  const [profiles, setProfiles] = useState<readonly ModelProfile[]>([]);
  useEffect(() => {
    void api().listModelProfiles().then(setProfiles);
    return api().onModelProfilesChanged(setProfiles);
  }, []);
  return (
    <section className="model-profiles" aria-label="Model profiles">
      <p className="muted">
        Other OpenAI-compatible endpoints. A conversation picks a profile and a model in its settings. Keys
        are kept by the app and only sent to the address they were entered for.
      </p>
      {profiles.length === 0 ? (
        <p>No model profile yet.</p>
      ) : (
        <ul className="model-profile-list">
          {profiles.map((profile) => (
            <ModelProfileRow
              key={profile.id}
              profile={profile}
              onRemove={async () => {
                await attempt(`Removing the profile ${profile.name}`, async () =>
                  setProfiles(await api().removeModelProfile({ profileId: profile.id })),
                );
              }}
            />
          ))}
        </ul>
      )}
      <AddModelProfileForm onAdded={setProfiles} />
    </section>
  );
}

function ModelProfileRow({
  profile,
  onRemove,
}: {
  readonly profile: ModelProfile;
  readonly onRemove: () => Promise<void>;
}) {
  const [check, setCheck] = useState<ModelConnectionCheck | 'testing' | undefined>(undefined);
  const test = async () => {
    setCheck('testing');
    try {
      setCheck(await api().testModelProfile({ profileId: profile.id }));
    } catch (error) {
      setCheck({ ok: false, message: messageOf(error) });
    }
  };
  return (
    <li className="model-profile" data-profile={profile.name}>
      <div className="model-profile-head">
        <strong>{profile.name}</strong>
        <span className="muted">
          {profile.baseUrl === '' ? 'offline demo model' : profile.baseUrl} · {profile.defaultModel}
          {profile.hasApiKey ? ' · API key set' : ''}
        </span>
      </div>
      <div className="inline-field">
        <button type="button" className="button button-small" onClick={test} disabled={check === 'testing'}>
          Test connection
        </button>
        <RemoveButton onClick={onRemove} />
        <span
          role="status"
          data-testid="profile-connection-check"
          className={
            check === undefined || check === 'testing' ? 'muted' : check.ok ? 'ok-text' : 'error-text'
          }
        >
          {check === 'testing' ? 'Testing…' : (check?.message ?? '')}
        </span>
      </div>
    </li>
  );
}

function AddModelProfileForm({ onAdded }: { readonly onAdded: (list: readonly ModelProfile[]) => void }) {
  const attempt = useAppStore((state) => state.attempt);
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [defaultModel, setDefaultModel] = useState('');
  return (
    <form
      className="settings-form"
      aria-label="Add a model profile"
      onSubmit={submitted(async () => {
        await attempt('Saving the model profile', async () => {
          const list = await api().saveModelProfile({
            name,
            baseUrl: baseUrl.trim(),
            defaultModel: defaultModel.trim() || 'demo',
            ...(apiKey ? { apiKey } : {}),
          });
          // The form empties in the same update that shows the new profile.
          onAdded(list);
          setName('');
          setBaseUrl('');
          setApiKey('');
          setDefaultModel('');
        });
      })}
    >
      <fieldset>
        <legend>Add a profile</legend>
        <label>
          <span>Profile name</span>
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          <span>Profile base URL</span>
          <input
            value={baseUrl}
            placeholder="empty: the offline demo model"
            onChange={(event) => setBaseUrl(event.target.value)}
          />
        </label>
        <label>
          <span>Profile API key</span>
          <input
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
          />
        </label>
        <label>
          <span>Default model</span>
          <input
            value={defaultModel}
            placeholder="demo"
            onChange={(event) => setDefaultModel(event.target.value)}
          />
        </label>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Add profile
        </button>
      </div>
    </form>
  );
}
