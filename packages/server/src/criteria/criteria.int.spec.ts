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
      expect(error).toContain('champ « keywords » : Entrée invalide : tableau attendu');
      expect(error).toContain('champ « salaryFloor » : Entrée invalide : nombre attendu');
      expect(error).toContain('champ « dealBreakers[0].title » : Trop petit');
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  });

  describe('Given criteria from the settings page', () => {
    it('should accept valid ones and refuse others with every field named', () => {
      expect(parseCriteria(DEFAULT_CRITERIA)).toEqual(DEFAULT_CRITERIA);
      expect(() => parseCriteria({ ...DEFAULT_CRITERIA, remoteOk: 'oui' })).toThrow(InvalidCriteriaError);
      expect(() => parseCriteria({ ...DEFAULT_CRITERIA, remoteOk: 'oui' })).toThrow(/champ « remoteOk » : Entrée invalide : booléen attendu/);
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
