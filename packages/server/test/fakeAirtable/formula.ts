/** A cell as a formula sees it: text, number, checkbox, or nothing. */
export type Value = string | number | boolean | null;

export type FormulaRecord = { id: string; cell: (fieldName: string) => Value };
export type Formula = (record: FormulaRecord) => boolean;

export class FormulaError extends Error {}

type Node = (record: FormulaRecord) => Value;

const truthy = (value: Value): boolean => value !== null && value !== '' && value !== 0 && value !== false;
const asText = (value: Value): string => (value === null ? '' : String(value));

const compare = (operator: string, left: Value, right: Value): boolean => {
  if (operator === '=' || operator === '!=') {
    const equal = typeof left === 'number' && typeof right === 'number' ? left === right : asText(left) === asText(right);
    return operator === '=' ? equal : !equal;
  }
  const [a, b] = typeof left === 'number' && typeof right === 'number' ? [left, right] : [asText(left), asText(right)];
  if (operator === '<') return a < b;
  if (operator === '>') return a > b;
  if (operator === '<=') return a <= b;
  return a >= b;
};

const FUNCTIONS: Record<string, (args: Value[], record: FormulaRecord) => Value> = {
  OR: (args) => args.some(truthy),
  AND: (args) => args.every(truthy),
  NOT: ([value]) => !truthy(value ?? null),
  RECORD_ID: (_args, record) => record.id,
  BLANK: () => null,
  TRUE: () => true,
  FALSE: () => false,
  LEN: ([value]) => asText(value ?? null).length,
  LOWER: ([value]) => asText(value ?? null).toLowerCase(),
};

/**
 * The subset of Airtable's formula language a filterByFormula needs here: OR/AND/NOT, RECORD_ID(),
 * {Field} references, text and number literals, comparisons and `&`. Anything else is refused,
 * as Airtable refuses a formula it cannot parse, so an adapter cannot rely on what the fake skips.
 */
export function parseFormula(source: string, knownField: (name: string) => boolean): Formula {
  let position = 0;

  const fail = (message: string): never => {
    throw new FormulaError(`${message} (position ${position})`);
  };
  const skipSpaces = () => {
    while (/\s/.test(source[position] ?? '')) position += 1;
  };
  const peek = (text: string): boolean => {
    skipSpaces();
    return source.startsWith(text, position);
  };
  const expect = (text: string) => {
    if (!peek(text)) fail(`« ${text} » attendu`);
    position += text.length;
  };

  const stringLiteral = (): Node => {
    const quote = source[position];
    let value = '';
    position += 1;
    while (position < source.length && source[position] !== quote) {
      if (source[position] === '\\') position += 1;
      value += source[position] ?? '';
      position += 1;
    }
    if (source[position] !== quote) fail('texte non terminé');
    position += 1;
    return () => value;
  };

  const primary = (): Node => {
    skipSpaces();
    const char = source[position] ?? '';
    if (char === "'" || char === '"') return stringLiteral();
    if (char === '(') {
      position += 1;
      const inner = expression();
      expect(')');
      return inner;
    }
    if (char === '{') {
      const end = source.indexOf('}', position);
      if (end < 0) fail('« } » attendu');
      const name = source.slice(position + 1, end);
      if (!knownField(name)) throw new FormulaError(`Unknown field names: ${name.toLowerCase()}`);
      position = end + 1;
      return (record) => record.cell(name);
    }
    const number = /^-?\d+(\.\d+)?/.exec(source.slice(position));
    if (number) {
      position += number[0].length;
      const value = Number(number[0]);
      return () => value;
    }
    const name = /^[A-Z_]+/.exec(source.slice(position))?.[0];
    if (!name) return fail('expression attendue');
    const apply = FUNCTIONS[name];
    if (!apply) fail(`fonction inconnue ${name}`);
    position += name.length;
    expect('(');
    const args: Node[] = [];
    if (!peek(')')) {
      args.push(expression());
      while (peek(',')) {
        position += 1;
        args.push(expression());
      }
    }
    expect(')');
    return (record) =>
      apply(
        args.map((arg) => arg(record)),
        record,
      );
  };

  const concat = (): Node => {
    let left = primary();
    while (peek('&')) {
      position += 1;
      const [a, b] = [left, primary()];
      left = (record) => asText(a(record)) + asText(b(record));
    }
    return left;
  };

  const expression = (): Node => {
    const left = concat();
    skipSpaces();
    const operator = ['!=', '<=', '>=', '=', '<', '>'].find((candidate) => source.startsWith(candidate, position));
    if (!operator) return left;
    position += operator.length;
    const right = concat();
    return (record) => compare(operator, left(record), right(record));
  };

  const root = expression();
  skipSpaces();
  if (position < source.length) fail('fin de formule attendue');
  return (record) => truthy(root(record));
}
