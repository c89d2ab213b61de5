import { parseArgs } from 'node:util';

export interface SoakOptions {
  readonly runs: number;
  readonly seed: number;
  /** Runs in flight at once. */
  readonly concurrency: number;
  /** Share of runs driven through the CLI (the rest through the app's host). */
  readonly cliShare: number;
  /** Tokens per second of the demo model. */
  readonly pace: number;
  readonly out: string;
}

export const SOAK_USAGE = `Usage: npm run soak -- [options]

  --runs <n>          runs to make (default 40)
  --seed <n>          seed of the random choices (default: the time)
  --concurrency <n>   runs in flight at once (default 3)
  --cli-share <0..1>  share of runs made through the CLI (default 0.25)
  --pace <n>          demo model tokens per second (default 120)
  --out <file>        the JSON report (default bench/results/soak-<time>.json)`;

function number(
  name: string,
  value: string | undefined,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < minimum || parsed > maximum)
    throw new Error(`--${name} must be a number from ${minimum} to ${maximum}, got "${value}"`);
  return parsed;
}

export function parseSoakOptions(argv: readonly string[]): SoakOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      'cli-share': { type: 'string' },
      pace: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const time = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    runs: Math.round(number('runs', values.runs, 40, 1, 10_000)),
    seed: Math.round(number('seed', values.seed, Date.now() % 1_000_000, 0, 2 ** 31)),
    concurrency: Math.round(number('concurrency', values.concurrency, 3, 1, 20)),
    cliShare: number('cli-share', values['cli-share'], 0.25, 0, 1),
    pace: number('pace', values.pace, 120, 1, 10_000),
    out: values.out ?? `bench/results/soak-${time}.json`,
  };
}
