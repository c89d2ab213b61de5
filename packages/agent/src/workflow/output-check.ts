import type {
  HandedOverAttempts,
  InvokeModelStreamingOutput,
  OutputCorrection,
} from '../common/activity-types';
import type { AgentRunResult, RunConfig, RunError } from '../common/types';

/** Structured output: answers that do not match `config.output` go back to the model, up to its limit. */
export class OutputCheck {
  readonly corrections: OutputCorrection[];

  /** `corrections`: those a run carried when it continued as new. */
  constructor(
    private readonly config: RunConfig,
    corrections: readonly OutputCorrection[] = [],
  ) {
    this.corrections = [...corrections];
  }

  /** What the next model call carries: the round's rejected answers and their errors. */
  get callFields(): { readonly outputCorrections?: readonly OutputCorrection[] } {
    return this.corrections.length > 0 ? { outputCorrections: [...this.corrections] } : {};
  }

  /**
   * An answer that does not match: the attempts to hand to the model's next try, or — when its answers
   * are used up — the run's error (`invalid-output`).
   */
  reject(
    round: number,
    output: InvokeModelStreamingOutput,
    errors: readonly string[],
  ): { readonly handedOver: HandedOverAttempts } | { readonly error: RunError } {
    const maxAttempts = this.config.output?.maxAttempts ?? 1;
    const listed = errors.join('; ');
    if (this.corrections.length + 1 >= maxAttempts) {
      return {
        error: {
          code: 'invalid-output',
          message: `the answer did not match the output schema after ${maxAttempts} ${maxAttempts === 1 ? 'try' : 'tries'}: ${listed}`,
        },
      };
    }
    this.corrections.push({ answer: output.text, errors });
    return {
      handedOver: {
        count: output.attempt,
        failed: [
          ...output.failedAttempts,
          {
            round,
            attempt: output.attempt,
            outcome: 'failed',
            ...(output.model === undefined ? {} : { model: output.model }),
            ...output.usage,
          },
        ],
        reason: `the answer did not match the output schema: ${listed}`,
        usageReported: true,
      },
    };
  }

  /** The result with its structured output, parsed from the answer (valid: the activity checked it). */
  withOutput(result: AgentRunResult): AgentRunResult {
    if (!this.config.output || result.status !== 'completed') return result;
    try {
      return { ...result, output: JSON.parse(result.text) as unknown };
    } catch {
      return result; // the run ended on client-side tool calls: no answer yet
    }
  }
}
