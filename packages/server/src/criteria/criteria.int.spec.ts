import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CRITERIA, InvalidCriteriaError, loadCriteria, parseCriteria, saveCriteria } from './criteria';

describe('Criteria file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille-criteria-'));
    file = path.join(dir, 'criteres.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('Given no file yet', () => {
    it('should write the defaults and use them', async () => {
      expect(await loadCriteria(file)).toEqual({ valid: true, criteria: DEFAULT_CRITERIA });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_CRITERIA);
    });
  });

  describe('Given a file broken by hand', () => {
    it('should say on which line and column its JSON breaks, keep its text, and never replace it', async () => {
      const text = JSON.stringify(DEFAULT_CRITERIA, null, 2).replace('"remoteOk": true,', '"remoteOk": true');
      writeFileSync(file, text);

      const loaded = await loadCriteria(file);

      const line = text.split('\n').findIndex((row) => row.includes('"salaryFloor"')) + 1;
      expect(loaded).toEqual({ valid: false, text, error: expect.stringContaining(`criteres.json : JSON invalide ligne ${line}, colonne 3`) });
      expect(readFileSync(file, 'utf8')).toBe(text);
    });

    it('should name every field to fix, in French, with its path as it reads in the file', async () => {
      const text = JSON.stringify({
        ...DEFAULT_CRITERIA,
        salaryFloor: 'beaucoup',
        keywords: 'python',
        dealBreakers: [{ ...DEFAULT_CRITERIA.dealBreakers[0], title: '' }],
      });
      writeFileSync(file, text);

      const loaded = await loadCriteria(file);

      expect(loaded.valid).toBe(false);
      const { error } = loaded as { error: string };
      expect(error).toMatch(/criteres\.json invalide/);
      expect(error).toContain('champ « keywords » : Liste de mots-clés attendue.');
      expect(error).toContain('champ « salaryFloor » : Le salaire plancher doit être un nombre, en euros bruts par an (vide : pas de plancher).');
      expect(error).toContain('champ « dealBreakers[0].title » : Le titre est obligatoire.');
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  });

  describe('Given criteria from the settings page', () => {
    const refusal = (json: unknown): InvalidCriteriaError => {
      try {
        parseCriteria(json);
      } catch (error) {
        if (error instanceof InvalidCriteriaError) return error;
        throw error;
      }
      throw new Error('accepted');
    };
    const aDealBreaker = DEFAULT_CRITERIA.dealBreakers[0];
    const anOptionalScore = DEFAULT_CRITERIA.optionalScores[0];

    it('should accept valid ones and refuse others with every field named', () => {
      expect(parseCriteria(DEFAULT_CRITERIA)).toEqual(DEFAULT_CRITERIA);
      expect(() => parseCriteria({ ...DEFAULT_CRITERIA, remoteOk: 'oui' })).toThrow(/champ « remoteOk » : Oui ou non attendu \(true ou false\)\./);
    });

    it('should say in French what is wrong with each field, the field named as the JSON names it', () => {
      const { issues } = refusal({
        ...DEFAULT_CRITERIA,
        keywords: ['python', ' '],
        salaryFloor: -5,
        scores: { ...DEFAULT_CRITERIA.scores, salaire: { expectation: '', weight: -1 } },
        optionalScores: [{ ...anOptionalScore, name: '', weight: 'beaucoup' }],
      });

      expect(issues).toEqual([
        { field: 'keywords[1]', message: 'Un mot-clé ne peut pas être vide.' },
        { field: 'salaryFloor', message: 'Le salaire plancher doit être supérieur à 0 (vide : pas de plancher).' },
        { field: 'scores.salaire.weight', message: 'Le poids doit être positif ou nul.' },
        { field: 'optionalScores[0].weight', message: 'Le poids doit être un nombre.' },
        { field: 'optionalScores[0].name', message: 'Le nom est obligatoire.' },
      ]);
    });

    it('should let through no floor, a weight of 0, 4 deal-breakers and 4 optional scores, and refuse a floor of 0 and a fifth of each', () => {
      const atTheLimits = {
        ...DEFAULT_CRITERIA,
        salaryFloor: null,
        scores: { ...DEFAULT_CRITERIA.scores, culture: { expectation: '', weight: 0 } },
        dealBreakers: Array.from({ length: 4 }, () => aDealBreaker),
        optionalScores: Array.from({ length: 4 }, () => anOptionalScore),
      };

      expect(parseCriteria(atTheLimits)).toEqual(atTheLimits);
      expect(refusal({ ...atTheLimits, salaryFloor: 0 }).issues).toEqual([
        { field: 'salaryFloor', message: 'Le salaire plancher doit être supérieur à 0 (vide : pas de plancher).' },
      ]);
      expect(refusal({ ...atTheLimits, dealBreakers: [...atTheLimits.dealBreakers, aDealBreaker] }).issues).toEqual([
        { field: 'dealBreakers', message: '4 critères rédhibitoires au plus.' },
      ]);
      expect(refusal({ ...atTheLimits, optionalScores: [...atTheLimits.optionalScores, anOptionalScore] }).issues).toEqual([
        { field: 'optionalScores', message: '4 notes optionnelles au plus.' },
      ]);
    });

    it('should refuse what is not criteria at all, in French too', () => {
      expect(refusal([]).issues).toEqual([{ field: '', message: 'Un objet JSON attendu : { "keywords": […], … }.' }]);
      expect(refusal({ ...DEFAULT_CRITERIA, scores: undefined }).issues).toEqual([{ field: 'scores', message: 'Les quatre notes attendues.' }]);
    });
  });

  describe('When saves overlap', () => {
    it('should leave a whole file, one of them, and no temp file behind', async () => {
      const versions = Array.from({ length: 20 }, (_unused, index) => ({
        ...DEFAULT_CRITERIA,
        keywords: Array.from({ length: index * 50 + 1 }, () => `mot${index}`),
      }));

      await Promise.all(versions.map((criteria) => saveCriteria(file, criteria)));

      expect(versions).toContainEqual(JSON.parse(readFileSync(file, 'utf8')));
      expect(readdirSync(dir)).toEqual(['criteres.json']);
    });
  });
});
