import type { PriceTable } from '../common/budget';

/**
 * USD per million tokens used to price budgets when the caller's table (`prices`) does not list the model.
 * Public list prices as of late 2026; edit or replace them with `prices` (the CLI's `--prices <file.json>`,
 * the app's Settings). The demo model is priced like a small hosted model so cost limits can be tried offline.
 */
export const DEFAULT_PRICES: PriceTable = {
  demo: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
};
