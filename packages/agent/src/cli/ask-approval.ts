import { BUDGET_APPROVAL_TOOL } from '../common/budget';
import type { ApprovalDecision, PendingApproval } from '../common/types';
import type { LineReader } from './line-reader';
import type { StreamPrinter } from './stream-printer';

/**
 * Asks the person at the terminal until the answer is yes or no — for a tool call also `a`, always: this
 * call and every later call of the tool in this conversation (`approve? (y/n/a)> `; a budget question
 * stays `approve? (y/n)> `). Closed input (Ctrl+D, the end of piped input) rejects the call: nobody is
 * there to approve it.
 */
export async function askApproval(
  approval: PendingApproval,
  reader: LineReader,
  printer: StreamPrinter,
): Promise<ApprovalDecision> {
  const always = approval.toolName !== BUDGET_APPROVAL_TOOL;
  if (always) {
    printer.endLine();
    printer.line(`  y = yes, n = no, a = always allow ${approval.toolName} in this conversation`);
  }
  for (;;) {
    printer.endLine();
    const answer = await reader.question(always ? 'approve? (y/n/a)> ' : 'approve? (y/n)> ');
    printer.promptAnswered();
    if (answer === undefined) return { approved: false, reason: 'no answer: the terminal input was closed' };
    const normalized = answer.trim().toLowerCase();
    if (['y', 'yes'].includes(normalized)) return { approved: true };
    if (always && ['a', 'always'].includes(normalized)) return { approved: true, alwaysAllow: true };
    if (['n', 'no'].includes(normalized)) {
      return { approved: false, reason: `the user rejected the ${approval.toolName} call at the terminal` };
    }
    printer.line(
      always
        ? `Please answer y, n or a (always allow ${approval.toolName} in this conversation).`
        : 'Please answer y or n.',
    );
  }
}
