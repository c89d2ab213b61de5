import { useEffect, useId, useState } from 'react';
import type {
  SaveTemporalConnectionRequest,
  TemporalConnectionSettings,
} from '../../../../shared/temporal-connection-models';
import { useAppStore } from '../../store/app-store';
import { submitted } from '../common/submitted';

/** A secret the host only says is set: undefined = unchanged, a string = the new value, null = remove. */
type SecretChange = string | null | undefined;

/** The connection's write-only secrets. */
type SecretName = 'apiKey' | 'clientKey';

/**
 * Settings → "Temporal connection": what a Temporal cluster or Temporal Cloud needs beyond the address
 * (General → Temporal): namespace, TLS, the server's CA and name, an mTLS client certificate and key, an
 * API key. The key and the API key are write-only (kept in the OS keychain); saving reconnects.
 */
export function TemporalConnectionSection({ temporalAddress }: { readonly temporalAddress: string | null }) {
  const connection = useAppStore((state) => state.temporalConnection);
  const load = useAppStore((state) => state.loadTemporalConnection);
  useEffect(() => {
    void load();
  }, [load]);
  if (!connection) return <p className="muted">Loading…</p>;
  return (
    <ConnectionForm
      key={JSON.stringify(connection)}
      connection={connection}
      temporalAddress={temporalAddress}
    />
  );
}

function ConnectionForm({
  connection,
  temporalAddress,
}: {
  readonly connection: TemporalConnectionSettings;
  readonly temporalAddress: string | null;
}) {
  const save = useAppStore((state) => state.saveTemporalConnection);
  const [draft, setDraft] = useState(connection);
  const [secrets, setSecrets] = useState<{ readonly [Field in SecretName]?: SecretChange }>({});
  const [saving, setSaving] = useState(false);
  const text = (field: 'namespace' | 'serverName' | 'serverCa' | 'clientCert') => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) =>
      setDraft((previous) => ({ ...previous, [field]: event.target.value })),
    spellCheck: false,
  });
  const secret = (field: SecretName) => ({
    isSet: field === 'apiKey' ? connection.hasApiKey : connection.hasClientKey,
    value: secrets[field],
    onChange: (value: SecretChange) => setSecrets((previous) => ({ ...previous, [field]: value })),
  });
  const request: SaveTemporalConnectionRequest = {
    ...(draft.namespace !== connection.namespace ? { namespace: draft.namespace.trim() } : {}),
    ...(draft.tls !== connection.tls ? { tls: draft.tls } : {}),
    ...(draft.serverName !== connection.serverName ? { serverName: draft.serverName.trim() } : {}),
    ...(draft.serverCa !== connection.serverCa ? { serverCa: draft.serverCa } : {}),
    ...(draft.clientCert !== connection.clientCert ? { clientCert: draft.clientCert } : {}),
    ...(secrets.apiKey !== undefined ? { apiKey: secrets.apiKey } : {}),
    ...(secrets.clientKey !== undefined ? { clientKey: secrets.clientKey } : {}),
  };
  const dirty = Object.keys(request).length > 0;
  return (
    <form
      className="settings-form"
      onSubmit={submitted(async () => {
        if (!dirty) return;
        setSaving(true);
        await save(request);
        setSaving(false);
      })}
    >
      <p className="muted">
        {temporalAddress === null
          ? 'Used once General → Temporal → Address names a Temporal cluster or Temporal Cloud (the embedded dev server needs none of it).'
          : `For ${temporalAddress}. Saving reconnects the app and restarts the running workers.`}
      </p>
      <fieldset>
        <legend>Namespace and TLS</legend>
        <label>
          <span>Namespace</span>
          <input
            {...text('namespace')}
            placeholder='empty: "default"; Temporal Cloud: <namespace>.<account-id>'
          />
        </label>
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.5rem' }}>
          <input
            type="checkbox"
            checked={draft.tls}
            onChange={(event) => setDraft((previous) => ({ ...previous, tls: event.target.checked }))}
          />
          <span>TLS (on by itself with an API key, a CA, a server name or a client certificate)</span>
        </label>
        <label>
          <span>Server name</span>
          <input {...text('serverName')} placeholder="empty: the address's host" />
          <small>The name in the server's certificate, when the address is an IP or a load balancer.</small>
        </label>
        <label>
          <span>Server CA (PEM)</span>
          <textarea {...text('serverCa')} rows={3} placeholder="empty: the system's trusted CAs" />
        </label>
      </fieldset>
      <fieldset>
        <legend>Credentials</legend>
        <label>
          <span>Client certificate (PEM, mTLS)</span>
          <textarea {...text('clientCert')} rows={3} placeholder="-----BEGIN CERTIFICATE-----" />
        </label>
        <SecretField
          label="Client key (PEM, mTLS)"
          {...secret('clientKey')}
          placeholder="-----BEGIN PRIVATE KEY-----"
          multiline
        />
        <SecretField
          label="API key (Temporal Cloud)"
          {...secret('apiKey')}
          placeholder="sent as Authorization: Bearer …"
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving || !dirty}>
          {saving ? 'Saving…' : 'Save connection'}
        </button>
      </div>
    </form>
  );
}

function SecretField(props: {
  readonly label: string;
  readonly isSet: boolean;
  readonly value: SecretChange;
  readonly onChange: (value: SecretChange) => void;
  readonly placeholder: string;
  readonly multiline?: boolean;
}) {
  const { label, isSet, value, onChange, placeholder, multiline } = props;
  const id = useId();
  const state = value === null ? 'will be removed' : value ? 'will be replaced' : isSet ? 'set' : 'not set';
  const input = {
    id,
    value: value ?? '',
    autoComplete: 'off',
    spellCheck: false,
    placeholder: isSet ? 'enter a new one to replace it' : placeholder,
    onChange: (event: { target: { value: string } }) =>
      onChange(event.target.value === '' ? undefined : event.target.value),
  };
  return (
    <label htmlFor={id}>
      <span>
        {label} <span className={`key-state key-${isSet ? 'set' : 'unset'}`}>{state}</span>
      </span>
      <div className="inline-field">
        {multiline ? <textarea {...input} rows={3} /> : <input type="password" {...input} />}
        {isSet && value !== null && (
          <button type="button" className="button button-small" onClick={() => onChange(null)}>
            Remove
          </button>
        )}
      </div>
      <small>
        Kept in the system keychain and given to the workers only; this window never sees it again.
      </small>
    </label>
  );
}
