import type { Analysis } from '@veille/domain';
import { readAnalysis } from './analysisJson';

const anAnalysis = (): Analysis => ({
  summary: 'Un poste de data engineer à Lyon.',
  scores: { localisation: 18, salaire: 12 },
  justifications: { localisation: 'Lyon, votre ville.', salaire: 'Au niveau de votre plancher.' },
  total: 15.5,
  dealBreakers: [{ title: 'Astreintes', hit: false, justification: 'Aucune astreinte mentionnée.' }],
  analyser: 'claude-sonnet-5-5',
  costUsd: 0.0123,
  corrections: { city: 'Lyon' },
});

const stored = (value: unknown): string => JSON.stringify(value);

describe('An analysis read back from the SQLite file', () => {
  describe('When it is what Veille wrote', () => {
    it('should read it whole', () => {
      expect(readAnalysis(stored(anAnalysis()))).toEqual(anAnalysis());
    });

    it('should read one stored before costs, corrections and justifications were kept, without them', () => {
      const { costUsd: _cost, corrections: _corrections, justifications: _justifications, ...older } = anAnalysis();

      expect(readAnalysis(stored(older))).toEqual({ ...older, justifications: {} });
    });

    it('should say there is none for an offer never analysed', () => {
      expect(readAnalysis(null)).toBeUndefined();
      expect(readAnalysis('')).toBeUndefined();
    });
  });

  describe('When it was edited by hand', () => {
    it('should leave out the fields it does not know, and drop justifications that are not sentences', () => {
      const edited = { ...anAnalysis(), note: 'ajout à la main', justifications: { localisation: 3 } };

      expect(readAnalysis(stored(edited))).toEqual({ ...anAnalysis(), justifications: {} });
    });

    it.each([
      ['a score that is not a number', { scores: { localisation: 'dix-huit' } }],
      ['no summary', { summary: undefined }],
      ['a total that is not a number', { total: '15,5' }],
      ['a deal-breaker without its verdict', { dealBreakers: [{ title: 'Astreintes', justification: '' }] }],
      ['deal-breakers that are not a list', { dealBreakers: { title: 'Astreintes' } }],
      ['a cost in words', { costUsd: 'un centime' }],
      ['a correction that is not text', { corrections: { city: 69 } }],
      ['no analyser', { analyser: null }],
    ])('should read no analysis when it holds %s', (_case, change) => {
      expect(readAnalysis(stored({ ...anAnalysis(), ...change }))).toBeUndefined();
    });

    it('should read no analysis from JSON that is not an object', () => {
      expect(readAnalysis('[1, 2]')).toBeUndefined();
      expect(readAnalysis('"texte"')).toBeUndefined();
    });
  });
});
