import { appendFileSync } from 'node:fs';
import type { Reporter, TestCase } from 'vitest/node';

/**
 * CI retries a failed test once (`vitest.config.ts`). This lists, at the end of the run, every test that
 * passed only when retried (flaky: to fix, not to forget) and every test that failed both times, and appends
 * the same lines to `$TEST_REPORT_FILE` when set, which `.ci/run` prints last, where a short log tail shows it.
 */
export default class RetriedTestsReporter implements Reporter {
  private readonly lines: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const name = `${testCase.module.relativeModuleId} › ${testCase.fullName}`;
    if (testCase.result().state === 'failed') this.lines.push(`vitest failed: ${name}`);
    else if (testCase.diagnostic()?.flaky) this.lines.push(`vitest passed only when retried: ${name}`);
  }

  onTestRunEnd(): void {
    if (this.lines.length === 0) return;
    console.log(`\n${this.lines.join('\n')}`);
    const file = process.env.TEST_REPORT_FILE;
    if (file) appendFileSync(file, `${this.lines.join('\n')}\n`);
  }
}
