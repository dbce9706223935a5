import { aSource, anOffer, given, onCommand, onProjection } from '../../test/given';
import { actionable, nextOffer } from '../decisions';
import { event, type RunStarted } from '../events';
import type { Analysis } from '../ports';
import { evolve } from '../projection';
import { fromView, toView } from '../view';
import { decideAnalysis } from './analysis';
import { decideBatch, decideBatchResult } from './analysisBatch';
import { NOTHING } from './decision';

const hw = 'notification@emails.hellowork.com';
const scored: Analysis = {
  summary: 'Correspond au profil.',
  scores: { salaire: 14 },
  justifications: { salaire: 'Au-dessus de votre plancher.' },
  total: 14,
  dealBreakers: [],
  analyser: 'claude-sonnet-5-5',
};
const ids = (count: number) => Array.from({ length: count }, (_, index) => `rec${index}`);

describe('Analysis by batch', () => {
  describe('When phase 3 starts', () => {
    const plan = onCommand(decideBatch);

    it('should send a backlog that reaches the threshold as one batch', () => {
      plan.when({ backlog: ids(60), pending: false, min: 50 }).then(ids(60));
    });

    it('should analyse a smaller backlog through the normal API', () => {
      plan.when({ backlog: ids(49), pending: false, min: 50 }).then([]);
    });

    it('should send no second batch while one is pending', () => {
      plan.when({ backlog: ids(60), pending: true, min: 50 }).then([]);
    });

    it('should never batch with a threshold of 0', () => {
      plan.when({ backlog: ids(600), pending: false, min: 0 }).then([]);
    });
  });

  describe('Given offers sent in a batch', () => {
    const waiting = anOffer(hw, 'À analyser', { id: 'recB' });
    const alone = anOffer(hw, 'À analyser', { id: 'recN' });
    const loaded = event('TableLoaded', { sources: [aSource(hw)], offers: [waiting, alone] });
    const sent = event('AnalysisBatchSent', { batchId: 'msgbatch_1', offerIds: ['recB'] });

    it('should leave them out of phase 3 work while the batch is pending, and give the others to the normal API', () => {
      const state = given(loaded, sent);

      expect(actionable(state, 'analyse')).toBe(1);
      expect(nextOffer(state, 'analyse', new Set())?.id).toBe('recN');
      expect(nextOffer(state, 'analyse', new Set(['recN']))).toBeUndefined();
    });

    it('should give them back to phase 3 once the batch has ended', () => {
      const state = evolve(given(loaded, sent), event('AnalysisBatchEnded', { batchId: 'msgbatch_1' }));

      expect(actionable(state, 'analyse')).toBe(2);
      expect(state.analysisBatch.id).toBe('');
    });

    it('should show the page "lot en cours (N/M)" from a snapshot and the events folded after it', () => {
      const page = fromView(toView(given(loaded, sent)));
      expect(toView(page).analysisBatch).toEqual({ id: 'msgbatch_1', done: 0, total: 1 });

      const later = evolve(page, event('AnalysisBatchProgressed', { batchId: 'msgbatch_1', done: 1, total: 1 }));
      expect(toView(later).analysisBatch).toEqual({ id: 'msgbatch_1', done: 1, total: 1 });
      expect(toView(evolve(later, event('AnalysisBatchEnded', { batchId: 'msgbatch_1' }))).analysisBatch).toBeNull();
    });

    it('should count how far the batch is', () => {
      const state = evolve(given(loaded, sent), event('AnalysisBatchProgressed', { batchId: 'msgbatch_1', done: 1, total: 1 }));

      expect(state.analysisBatch).toMatchObject({ id: 'msgbatch_1', done: 1, total: 1 });
    });

    const result = onProjection(decideBatchResult);

    it('should apply an analysis exactly as the normal path does', () => {
      result
        .given(loaded, sent)
        .when({ offerId: 'recB', analysis: scored })
        .then(decideAnalysis({ offerId: 'recB', analysis: scored }, given(loaded, sent)));
    });

    const why = "Analyse par lot sans résultat (lot expiré) : l'offre reste « À analyser » et sera analysée au prochain lancement.";

    it('should put an offer whose request expired during a run back for the next run, failed for this one with the reason', () => {
      result
        .given(loaded, sent, event<RunStarted>('RunStarted', { at: '2026-11-24T09:00:00.000Z', trigger: 'button' }))
        .when({ offerId: 'recB', failure: 'lot expiré' })
        .then({ ...NOTHING, putBack: why, failed: event('ItemFailed', { phase: 'analyse', itemId: 'recB', source: hw, error: why }) });
    });

    it('should leave an offer whose request expired between runs as work for the next run, with the reason', () => {
      result
        .given(loaded, sent)
        .when({ offerId: 'recB', failure: 'lot expiré' })
        .then({ ...NOTHING, putBack: why });
    });

    it('should leave alone an offer a person moved meanwhile', () => {
      const moved = event('OfferStatusChanged', { offerId: 'recB', source: hw, from: 'À analyser', to: 'Ignoré' });

      result.given(loaded, sent, moved).when({ offerId: 'recB', failure: 'lot expiré' }).then(NOTHING);
      result.given(loaded, sent, moved).when({ offerId: 'recB', analysis: scored }).then(NOTHING);
    });

    it('should make an offer put back work again at the next run', () => {
      const failed = event('ItemFailed', { phase: 'analyse', itemId: 'recB', source: hw, error: 'lot expiré' });
      const ended = event('AnalysisBatchEnded', { batchId: 'msgbatch_1' });
      const nextRun = event<RunStarted>('RunStarted', { at: '2026-11-24T09:00:00.000Z', trigger: 'button' });

      expect(actionable(given(loaded, sent, failed, ended), 'analyse')).toBe(1);
      expect(actionable(given(loaded, sent, failed, ended, nextRun), 'analyse')).toBe(2);
    });
  });
});
