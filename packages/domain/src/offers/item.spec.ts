import { aSource, anOffer, given } from '../../test/given';
import { event } from '../events';
import type { Analysis } from '../ports';
import { analysedByLabel, digestOf } from './digest';
import { sameJobView, toOfferItem } from './item';

const hw = 'notification@emails.hellowork.com';

const claude: Analysis = {
  summary: 'Le poste vous irait.',
  scores: { localisation: 18, salaire: 9 },
  justifications: { localisation: 'Lyon, dans vos zones.', salaire: 'Sous votre plancher.' },
  total: 0,
  dealBreakers: [
    { title: 'Astreintes', hit: true, justification: 'Un week-end sur quatre.' },
    { title: 'Stage', hit: false, justification: 'CDI.' },
  ],
  analyser: 'claude-sonnet-5-5',
  costUsd: 0.0123,
  corrections: { salary: '40 k€' },
};

describe('An offer as the list shows it', () => {
  describe('Given an analysed offer', () => {
    it('should give its total, each criterion with why, the deal-breakers that hit with why, who analysed it and what it cost', () => {
      const offer = anOffer(hw, 'À traiter', { id: 'rec1', analysed: true, hasText: true, analysis: digestOf(claude), offerDate: '2026-11-20' });

      expect(toOfferItem(offer, 'HelloWork')).toEqual({
        id: 'rec1',
        source: hw,
        board: 'HelloWork',
        status: 'À traiter',
        title: 'Data engineer',
        company: 'Acme',
        city: 'Lyon',
        salary: '',
        date: '2026-11-20',
        url: offer.url,
        summary: 'Le poste vous irait.',
        score: {
          total: 0,
          criteria: [
            { name: 'localisation', score: 18, justification: 'Lyon, dans vos zones.' },
            { name: 'salaire', score: 9, justification: 'Sous votre plancher.' },
          ],
        },
        dealBreakers: [{ name: 'Astreintes', justification: 'Un week-end sur quatre.' }],
        analysedBy: 'Claude (claude-sonnet-5-5)',
        cost: 0.0123,
        reason: '',
        hasText: true,
        analysed: true,
        seenAlsoOn: [],
        duplicateOf: null,
      });
    });

    it('should name the rules as such, never as AI, and say an analysis stored before costs were kept has no known cost', () => {
      const { costUsd: _unknown, ...older } = { ...claude, analyser: 'règles', justifications: {} };
      const item = toOfferItem(anOffer(hw, 'À traiter', { analysed: true, analysis: digestOf(older) }), 'HelloWork');

      expect(item.analysedBy).toBe('règles');
      expect(item.cost).toBeNull();
      expect(item.score?.criteria[0]).toEqual({ name: 'localisation', score: 18, justification: '' });
    });
  });

  describe('Given an offer never analysed', () => {
    it('should have no score, summary, analyser nor cost, and the day it was added as its date', () => {
      const item = toOfferItem(anOffer(hw, 'A compléter', { addedAt: '2026-11-24', reason: '' }), 'Inconnu');

      expect(item).toMatchObject({ board: 'Inconnu', summary: '', score: null, dealBreakers: [], analysedBy: null, cost: null, date: '2026-11-24' });
    });
  });

  describe('Given one job seen on three boards', () => {
    const indeed = 'alert@indeed.com';
    const linkedin = 'jobalerts-noreply@linkedin.com';
    const kept = anOffer(hw, 'À traiter', { id: 'recKept', title: 'Data engineer', company: 'Acme', hasText: true });
    const duplicates = [indeed, linkedin, indeed].map((source, index) =>
      anOffer(source, 'Ignoré', { id: `recDup${index}`, hasText: true, duplicateOf: kept.id, reason: 'Doublon de Data engineer — Acme (HelloWork)' }),
    );
    const sources = [aSource(hw), aSource(indeed, { board: 'Indeed' }), aSource(linkedin, { board: 'LinkedIn' })];

    it('should say on the kept offer the boards it was also seen on, each once, and on each duplicate the offer kept', () => {
      const state = given(event('TableLoaded', { sources, offers: [kept, ...duplicates] }));

      expect(sameJobView(kept, state)).toEqual({ seenAlsoOn: ['Indeed', 'LinkedIn'], duplicateOf: null });
      expect(toOfferItem(duplicates[0], 'Indeed', sameJobView(duplicates[0], state))).toMatchObject({
        seenAlsoOn: [],
        duplicateOf: { id: 'recKept', title: 'Data engineer', company: 'Acme', board: 'HelloWork' },
      });
    });

    it('should say nothing of another job, nor of a kept offer deleted since', () => {
      const state = given(
        event('TableLoaded', { sources, offers: [kept, ...duplicates] }),
        event('OfferDeleted', { offerId: kept.id, source: hw, status: 'À traiter' }),
      );

      expect(sameJobView(anOffer(hw, 'À traiter'), state)).toEqual({ seenAlsoOn: [], duplicateOf: null });
      expect(sameJobView(duplicates[0], state)).toEqual({ seenAlsoOn: [], duplicateOf: null });
    });
  });

  it('should call a model of another family by its name', () => {
    expect(analysedByLabel('gpt-7')).toBe('gpt-7');
  });
});
