/** A small recursive-descent evaluator for arithmetic expressions; throws a readable error on bad input. */
export function evaluateArithmetic(expression: string): number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[-+*/%^()]|\S/g) ?? [];
  let position = 0;

  const peek = (): string | undefined => tokens[position];
  const take = (): string | undefined => tokens[position++];

  function primary(): number {
    const token = take();
    if (token === undefined) throw new Error(`incomplete expression "${expression}"`);
    if (token === '(') {
      const value = sum();
      if (take() !== ')') throw new Error(`missing ")" in "${expression}"`);
      return value;
    }
    if (token === '-') return -primary();
    if (token === '+') return primary();
    const value = Number(token);
    if (Number.isNaN(value)) throw new Error(`unexpected "${token}" in "${expression}"`);
    return value;
  }

  function power(): number {
    const base = primary();
    if (peek() === '^') {
      take();
      return base ** power();
    }
    return base;
  }

  function product(): number {
    let value = power();
    for (let operator = peek(); operator === '*' || operator === '/' || operator === '%'; operator = peek()) {
      take();
      const right = power();
      if ((operator === '/' || operator === '%') && right === 0) throw new Error('division by zero');
      value = operator === '*' ? value * right : operator === '/' ? value / right : value % right;
    }
    return value;
  }

  function sum(): number {
    let value = product();
    for (let operator = peek(); operator === '+' || operator === '-'; operator = peek()) {
      take();
      const right = product();
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }

  const result = sum();
  if (position < tokens.length) throw new Error(`unexpected "${tokens[position]}" in "${expression}"`);
  return Number.isInteger(result) ? result : Number(result.toPrecision(12));
}
