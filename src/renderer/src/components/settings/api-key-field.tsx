/**
 * The API key is write-only: the host only ever says whether one is set. `value`: undefined = unchanged,
 * a string = the new key, null = remove the key.
 */
export function ApiKeyField({
  hasApiKey,
  value,
  onChange,
}: {
  readonly hasApiKey: boolean;
  readonly value: string | null | undefined;
  readonly onChange: (value: string | null | undefined) => void;
}) {
  const state =
    value === null ? 'will be removed' : value ? 'will be replaced' : hasApiKey ? 'set' : 'not set';
  return (
    <label>
      <span>
        API key <span className={`key-state key-${hasApiKey ? 'set' : 'unset'}`}>{state}</span>
      </span>
      <div className="inline-field">
        <input
          type="password"
          autoComplete="off"
          value={value ?? ''}
          placeholder={hasApiKey ? 'enter a new key to replace it' : 'sk-…'}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
        {hasApiKey && value !== null && (
          <button type="button" className="button button-small" onClick={() => onChange(null)}>
            Remove key
          </button>
        )}
      </div>
      <small>
        Sent to the workers only, for this base URL's origin (a base URL on another host removes it); this
        window never sees it again.
      </small>
    </label>
  );
}
