import type { ApprovalDecision, PendingApproval } from '../common/types';
import type { LineReader } from './line-reader';
import type { StreamPrinter } from './stream-printer';

/**
 * Asks the person at the terminal `approve? (y/n)> ` until the answer is yes or no. Closed input (Ctrl+D,
 * the end of piped input) rejects the call: nobody is there to approve it.
 */
export async function askApproval(
  approval: PendingApproval,
  reader: LineReader,
  printer: StreamPrinter,
): Promise<ApprovalDecision> {
  for (;;) {
    printer.endLine();
    const answer = await reader.question('approve? (y/n)> ');
    printer.promptAnswered();
    if (answer === undefined) return { approved: false, reason: 'no answer: the terminal input was closed' };
    const normalized = answer.trim().toLowerCase();
    if (['y', 'yes'].includes(normalized)) return { approved: true };
    if (['n', 'no'].includes(normalized)) {
      return { approved: false, reason: `the user rejected the ${approval.toolName} call at the terminal` };
    }
    printer.line('Please answer y or n.');
  }
}
