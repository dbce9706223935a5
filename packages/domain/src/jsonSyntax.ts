/** Where a JSON text breaks, counted as its editor counts: lines and columns from 1. */
export type JsonSyntaxError = { readonly line: number; readonly column: number; readonly message: string };

type Expected = 'value' | 'key' | 'colon' | 'next' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;
const LITERALS = ['true', 'false', 'null'];

const shown = (char: string): string => (char === '\n' ? 'un retour à la ligne' : char === '\t' ? 'une tabulation' : `« ${char} »`);

const at = (text: string, offset: number, message: string): JsonSyntaxError => {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1, message };
};

/** The end of the string opening at `start`, or the error inside it. */
const scanString = (text: string, start: number): number | JsonSyntaxError => {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') return index + 1;
    if (char < ' ') return at(text, index, `${shown(char)} dans un texte entre guillemets (guillemet fermant oublié ?)`);
    if (char === '\\') {
      const escaped = text[index + 1] ?? '';
      HEX4.lastIndex = index + 2;
      if (escaped === 'u' ? !HEX4.test(text) : !ESCAPES.has(escaped)) return at(text, index, `échappement invalide « \\${escaped} »`);
      index += escaped === 'u' ? 6 : 2;
    } else index += 1;
  }
  return at(text, start, 'texte entre guillemets jamais fermé');
};

/** The end of the number, `true`, `false` or `null` at `start`, or undefined when there is none. */
const scanScalar = (text: string, start: number): number | undefined => {
  const literal = LITERALS.find((word) => text.startsWith(word, start));
  if (literal) return start + literal.length;
  NUMBER.lastIndex = start;
  return NUMBER.test(text) ? NUMBER.lastIndex : undefined;
};

/**
 * The first place a JSON text breaks, with what was expected there, in French; undefined when it
 * is valid JSON. Iterative, so any nesting depth is fine.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const open: ('{' | '[')[] = [];
  let expected = 'value' as Expected;
  // Right after `{` or `[`, where the container may close at once.
  let empty = false;
  let index = 0;
  const afterValue = (end: number): void => {
    index = end;
    expected = open.length > 0 ? 'next' : 'end';
    empty = false;
  };
  for (;;) {
    while (index < text.length && ' \t\n\r'.includes(text[index])) index += 1;
    const char = text[index];
    const top = open[open.length - 1];
    if (char === undefined) {
      if (expected === 'end') return undefined;
      return at(text, index, top ? `il manque « ${top === '{' ? '}' : ']'} » avant la fin du texte` : 'le texte est vide');
    }
    switch (expected) {
      case 'value': {
        if (char === '{' || char === '[') {
          open.push(char);
          index += 1;
          expected = char === '{' ? 'key' : 'value';
          empty = true;
          continue;
        }
        if (char === ']' && top === '[') {
          if (!empty) return at(text, index, 'virgule en trop avant « ] »');
          open.pop();
          afterValue(index + 1);
          continue;
        }
        const end = char === '"' ? scanString(text, index) : scanScalar(text, index);
        if (end === undefined) {
          return at(text, index, `valeur attendue (texte entre guillemets, nombre, true, false, null, { } ou [ ]), ${shown(char)} trouvé`);
        }
        if (typeof end !== 'number') return end;
        afterValue(end);
        continue;
      }
      case 'key': {
        if (char === '}') {
          if (!empty) return at(text, index, 'virgule en trop avant « } »');
          open.pop();
          afterValue(index + 1);
          continue;
        }
        if (char !== '"') return at(text, index, `nom de champ entre guillemets attendu, ${shown(char)} trouvé`);
        const end = scanString(text, index);
        if (typeof end !== 'number') return end;
        index = end;
        expected = 'colon';
        continue;
      }
      case 'colon':
        if (char !== ':') return at(text, index, `« : » attendu après le nom du champ, ${shown(char)} trouvé`);
        index += 1;
        expected = 'value';
        empty = false;
        continue;
      case 'next': {
        const close = top === '{' ? '}' : ']';
        if (char === ',') {
          index += 1;
          expected = top === '{' ? 'key' : 'value';
          empty = false;
          continue;
        }
        if (char === close) {
          open.pop();
          afterValue(index + 1);
          continue;
        }
        return at(text, index, `« , » ou « ${close} » attendu, ${shown(char)} trouvé (virgule oubliée ?)`);
      }
      case 'end':
        return at(text, index, `texte en trop après la fin du JSON : ${shown(char)}`);
    }
  }
}
