import { messageOf } from 'durable-agent/run-view';
import { useState } from 'react';
import type { ModelConnectionCheck } from '../../../../shared/models';
import { api } from '../../api';

/** "Test connection" of the model fields as typed (the stored key goes only to its own origin). */
export function TestConnectionButton({
  modelBaseUrl,
  modelName,
  apiKey,
}: {
  readonly modelBaseUrl: string;
  readonly modelName: string;
  readonly apiKey: string | undefined;
}) {
  const [check, setCheck] = useState<ModelConnectionCheck | 'testing' | undefined>(undefined);
  const test = async () => {
    setCheck('testing');
    try {
      setCheck(
        await api().testModelConnection({
          modelBaseUrl,
          modelName: modelBaseUrl === '' ? 'demo' : modelName,
          ...(apiKey ? { apiKey } : {}),
        }),
      );
    } catch (error) {
      setCheck({ ok: false, message: messageOf(error) });
    }
  };
  return (
    <div className="inline-field">
      <button type="button" className="button button-small" onClick={test} disabled={check === 'testing'}>
        Test connection
      </button>
      <span
        role="status"
        data-testid="connection-check"
        className={check === undefined || check === 'testing' ? 'muted' : check.ok ? 'ok-text' : 'error-text'}
      >
        {check === 'testing' ? 'Testing…' : (check?.message ?? '')}
      </span>
    </div>
  );
}
