import { useState } from 'react';
import type { Settings } from '../../../../shared/models';
import { useAppStore } from '../../store/app-store';
import { RemoveButton } from '../common/remove-button';
import { submitted } from '../common/submitted';

/** A price row as typed (USD per million tokens). */
interface PriceRow {
  readonly model: string;
  readonly input: string;
  readonly output: string;
}

const rowsOf = (prices: Settings['prices']): PriceRow[] =>
  Object.entries(prices).map(([model, price]) => ({
    model,
    input: String(price.inputPerMillion),
    output: String(price.outputPerMillion),
  }));

/** The rows as a price table; 'invalid' when a model is empty or a price is not a number ≥ 0. */
function tableOf(rows: readonly PriceRow[]): Settings['prices'] | 'invalid' {
  const table: Record<string, Settings['prices'][string]> = {};
  for (const row of rows) {
    const model = row.model.trim();
    const input = Number(row.input);
    const output = Number(row.output);
    if (!model || row.input.trim() === '' || row.output.trim() === '') return 'invalid';
    if (!(Number.isFinite(input) && input >= 0 && Number.isFinite(output) && output >= 0)) return 'invalid';
    table[model] = { inputPerMillion: input, outputPerMillion: output };
  }
  return table;
}

/** The two price columns of a row, each a decimal input named "<Label> price of <model>". */
const priceColumns = [
  { key: 'input', label: 'Input' },
  { key: 'output', label: 'Output' },
] as const;

/**
 * Settings › Prices: USD per million tokens by model (`*`: any other model), over the built-in table.
 * Cost budgets and the budget meter use it from the next run on.
 */
export function PriceTableSection({ settings }: { readonly settings: Settings }) {
  const saveSettings = useAppStore((state) => state.saveSettings);
  const [rows, setRows] = useState<PriceRow[]>(() => rowsOf(settings.prices));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const change = (index: number, key: keyof PriceRow, value: string) =>
    setRows((previous) => previous.map((row, at) => (at === index ? { ...row, [key]: value } : row)));
  return (
    <form
      className="settings-form"
      aria-label="Prices"
      onSubmit={submitted(async () => {
        const prices = tableOf(rows);
        if (prices === 'invalid') {
          setProblem('Each row needs a model name and two prices (numbers, 0 or more).');
          return;
        }
        setProblem(undefined);
        await saveSettings({ prices });
      })}
    >
      <p className="muted">
        USD per million tokens, by model name (<code>*</code> prices any other model). Models not listed here
        use the built-in prices (the demo model: $0.15 / $0.60). Cost budgets and the budget meter use this
        table from the next run on.
      </p>
      <table className="price-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Input $ / M tokens</th>
            <th scope="col">Output $ / M tokens</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the model name changes as typed
            <tr key={index}>
              <td>
                <input
                  aria-label={`Model of price row ${index + 1}`}
                  value={row.model}
                  onChange={(event) => change(index, 'model', event.target.value)}
                />
              </td>
              {priceColumns.map(({ key, label }) => (
                <td key={key}>
                  <input
                    inputMode="decimal"
                    aria-label={`${label} price of ${row.model || `row ${index + 1}`}`}
                    value={row[key]}
                    onChange={(event) => change(index, key, event.target.value)}
                  />
                </td>
              ))}
              <td>
                <RemoveButton
                  onClick={() => setRows((previous) => previous.filter((_, at) => at !== index))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem ? (
        <p role="alert" className="error-text">
          {problem}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => setRows((previous) => [...previous, { model: '', input: '', output: '' }])}
        >
          Add model price
        </button>
        <button type="submit" className="button button-primary">
          Save prices
        </button>
      </div>
    </form>
  );
}
