/** A simple arithmetic expression found in a message, with its value. */
export interface Arithmetic {
  readonly expression: string;
  readonly value: number;
}

const candidatePattern = /[\d(][\d\s.+\-*/×÷()]*[\d)]/g;
const binaryOperator = /[\d)]\s*[-+*/×÷]\s*[-+(\d]/;
const askingWords = /\b(what is|what's|whats|calculate|compute|evaluate|how much is|solve)\b/i;

/** Evaluates + - * / × ÷ with parentheses and unary signs by recursive descent; undefined if malformed. */
export function evaluateArithmetic(expression: string): number | undefined {
  const tokens = expression.match(/\d+(?:\.\d+)?|\.\d+|[-+*/×÷()]/g) ?? [];
  if (tokens.join('') !== expression.replace(/\s+/g, '')) return undefined;
  let position = 0;
  const peek = (): string | undefined => tokens[position];

  function factor(): number {
    const token = tokens[position++];
    if (token === '-') return -factor();
    if (token === '+') return factor();
    if (token === '(') {
      const value = sum();
      if (tokens[position++] !== ')') throw new Error('unbalanced');
      return value;
    }
    if (token === undefined || !/\d/.test(token)) throw new Error('number expected');
    return Number(token);
  }

  function product(): number {
    let value = factor();
    for (let operator = peek(); operator !== undefined && '*/×÷'.includes(operator); operator = peek()) {
      position++;
      value = operator === '*' || operator === '×' ? value * factor() : value / factor();
    }
    return value;
  }

  function sum(): number {
    let value = product();
    for (let operator = peek(); operator === '+' || operator === '-'; operator = peek()) {
      position++;
      value = operator === '+' ? value + product() : value - product();
    }
    return value;
  }

  try {
    const value = sum();
    return position === tokens.length ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first arithmetic expression of a message that asks for it ("What is 12 * 7?", "calculate 3+4")
 * or consists of nothing else ("(2+3)*4").
 */
export function findArithmetic(text: string): Arithmetic | undefined {
  for (const candidate of text.match(candidatePattern) ?? []) {
    const expression = candidate.trim();
    if (!binaryOperator.test(expression)) continue;
    const asked = askingWords.test(text) || !/\p{L}/u.test(text.replace(candidate, ''));
    const value = evaluateArithmetic(expression);
    if (asked && value !== undefined) return { expression, value };
  }
  return undefined;
}

/** The value written the way a person would: at most 12 significant digits. */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(12))) : 'undefined (division by zero)';
}
