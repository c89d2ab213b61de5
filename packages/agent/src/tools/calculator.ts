import { z } from 'zod';
import { evaluateArithmetic } from './arithmetic';
import { defineTool } from './define-tool';

/** Evaluates arithmetic (+ - * / % ^, parentheses, decimals) without `eval`. */
export const calculator = defineTool({
  name: 'calculator',
  description:
    'Evaluate an arithmetic expression such as "12 * (3 + 4) / 2". Supports + - * / % ^ and parentheses.',
  parameters: z.object({ expression: z.string().min(1).max(500).describe('The arithmetic expression') }),
  execute: ({ expression }) => ({ expression, result: evaluateArithmetic(expression) }),
});
