import { appendFileSync } from 'node:fs';
import type { Reporter, TestCase } from 'vitest/node';

/**
 * CI retries a failed test once (`vitest.config.ts`). This lists, at the end of the run, every test that
 * passed only when retried (flaky: to fix, not to forget; with its first attempt's error) and every test that
 * failed both times, and appends the same lines to `$TEST_REPORT_FILE` when set, which `.ci/run` prints
 * last, where a short log tail shows it.
 */
export default class RetriedTestsReporter implements Reporter {
  private readonly lines: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const name = `${testCase.module.relativeModuleId} › ${testCase.fullName}`;
    const result = testCase.result();
    if (result.state === 'failed') this.lines.push(`vitest failed: ${name}`);
    else if (testCase.diagnostic()?.flaky)
      this.lines.push(`vitest passed only when retried: ${name}${firstFailure(result.errors)}`);
  }

  onTestRunEnd(): void {
    if (this.lines.length === 0) return;
    console.log(`\n${this.lines.join('\n')}`);
    const file = process.env.TEST_REPORT_FILE;
    if (file) appendFileSync(file, `${this.lines.join('\n')}\n`);
  }
}

/** The first line of the first attempt's error, so that a flaky test's cause is in the log's last lines. */
function firstFailure(errors: ReadonlyArray<{ readonly message?: string }> | undefined): string {
  const line = errors?.[0]?.message?.split('\n')[0]?.slice(0, 300);
  return line ? ` (first attempt: ${line})` : '';
}
