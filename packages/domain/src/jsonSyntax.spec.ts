import { findJsonSyntaxError } from './jsonSyntax';

const criteria = JSON.stringify(
  {
    keywords: ['python', 'data engineer'],
    salaryFloor: 45000.5,
    remoteOk: true,
    other: null,
    dealBreakers: [{ title: 'Stage', description: 'Pas de "stage"\\n\u00e9t\u00e9', keywords: [] }],
    scores: {},
  },
  null,
  2,
);

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('JSON syntax errors', () => {
  describe('Given valid JSON', () => {
    it('should find nothing, whatever the nesting depth', () => {
      for (const text of [criteria, '[]', '{}', ' 0 ', '"\\u00e9"', '-1.5E+3', `${'['.repeat(100_000)}${']'.repeat(100_000)}`]) {
        expect(findJsonSyntaxError(text)).toBeUndefined();
      }
    });
  });

  describe('Given a file broken by hand', () => {
    it('should point at the line and column of a forgotten comma, as the editor counts them', () => {
      const text = '{\n  "keywords": ["python"]\n  "remoteOk": true\n}';

      expect(findJsonSyntaxError(text)).toEqual({ line: 3, column: 3, message: expect.stringContaining('virgule oubliée') });
    });

    it('should name what is wrong in French', () => {
      expect(findJsonSyntaxError('{"a": 1,}')).toMatchObject({ line: 1, column: 9, message: 'virgule en trop avant « } »' });
      expect(findJsonSyntaxError('{"a": [1, ]}')?.message).toBe('virgule en trop avant « ] »');
      expect(findJsonSyntaxError('{"locations": [Lyon]}')?.message).toContain('valeur attendue');
      expect(findJsonSyntaxError("{'a': 1}")?.message).toContain('nom de champ entre guillemets attendu');
      expect(findJsonSyntaxError('{"a" 1}')?.message).toContain('« : » attendu');
      expect(findJsonSyntaxError('{"a": "x\n"}')).toMatchObject({ line: 1, column: 9, message: expect.stringContaining('retour à la ligne') });
      expect(findJsonSyntaxError('{"a": "\\q"}')?.message).toBe('échappement invalide « \\q »');
      expect(findJsonSyntaxError('{"a": 1} x')?.message).toContain('texte en trop');
      expect(findJsonSyntaxError('{"a": [1')).toMatchObject({ line: 1, column: 9, message: 'il manque « ] » avant la fin du texte' });
      expect(findJsonSyntaxError('{"a": "jamais fermé}')?.message).toBe('texte entre guillemets jamais fermé');
      expect(findJsonSyntaxError('  ')?.message).toBe('le texte est vide');
    });

    it('should agree with JSON.parse on every prefix and every one-character deletion of a real file', () => {
      const variants = [
        ...Array.from({ length: criteria.length }, (_unused, end) => criteria.slice(0, end)),
        ...Array.from({ length: criteria.length }, (_unused, cut) => criteria.slice(0, cut) + criteria.slice(cut + 1)),
      ];

      const disagreements = variants.filter((text) => isJson(text) !== (findJsonSyntaxError(text) === undefined));

      expect(disagreements).toEqual([]);
    });
  });
});
