import { aSource, anOffer, given, now, on } from '../test/given';
import { actionable, decideRun, hasWork, nextOffer } from './decisions';
import { event } from './events';
import { evolve } from './projection';

const hw = 'notification@emails.hellowork.com';
const li = 'jobalerts-noreply@linkedin.com';
const started = event('RunStarted', { at: now });

describe('Phase decisions', () => {
  describe('Given no run is active', () => {
    it('should decide nothing even with work waiting', () => {
      const state = given(event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter')] }));

      expect(decideRun(state)).toEqual([]);
      expect(hasWork(state)).toBe(true);
    });
  });

  describe('Given a run has started', () => {
    it('should start phase 1 while emails wait for a source whose création is on', () => {
      const state = given(event('TableLoaded', { sources: [aSource(hw)], offers: [] }), event('MailboxAudited', { bySender: { [hw]: 2 } }), started);

      expect(decideRun(state)).toEqual([{ type: 'StartPhase', phase: 'import' }]);
    });

    it('should start phase 2 from A compléter with no phase 1 in this run (crash, resume or manual change)', () => {
      const state = given(event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter')] }), started);

      expect(decideRun(state)).toEqual([{ type: 'StartPhase', phase: 'enrich' }]);
    });

    it('should start phase 3 from À analyser alone', () => {
      const state = given(event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'À analyser')] }), started);

      expect(decideRun(state)).toEqual([{ type: 'StartPhase', phase: 'analyse' }]);
    });

    it('should start phase 2 on the first imported offer while phase 1 still runs', () => {
      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [] }),
        event('MailboxAudited', { bySender: { [hw]: 2 } }),
        started,
        event('PhaseStarted', { phase: 'import', total: 2 }),
        event('OfferCreated', { offer: anOffer(hw, 'A compléter') }),
      );

      expect(decideRun(state)).toEqual([{ type: 'StartPhase', phase: 'enrich' }]);
    });

    it('should chain 1 → 2 → 3 as work flows, then end the run', () => {
      const offer = anOffer(hw, 'A compléter');
      let state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [] }),
        event('MailboxAudited', { bySender: { [hw]: 1 } }),
        started,
        event('PhaseStarted', { phase: 'import', total: 1 }),
        event('OfferCreated', { offer }),
        event('EmailArchived', { sender: hw, emailId: 'a.eml', offers: 1 }),
        event('PhaseFinished', { phase: 'import' }),
      );
      expect(decideRun(state)).toEqual([{ type: 'StartPhase', phase: 'enrich' }]);

      state = [
        event('PhaseStarted', { phase: 'enrich', total: 1 }),
        event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'A compléter', to: 'À analyser' }),
        event('PhaseFinished', { phase: 'enrich' }),
      ].reduce(evolve, state);
      expect(decideRun(state)).toEqual([{ type: 'StartPhase', phase: 'analyse' }]);

      state = [
        event('PhaseStarted', { phase: 'analyse', total: 1 }),
        event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'À analyser', to: 'À traiter' }),
      ].reduce(evolve, state);
      expect(decideRun(state)).toEqual([]);

      state = evolve(state, event('PhaseFinished', { phase: 'analyse' }));
      expect(decideRun(state)).toEqual([{ type: 'EndRun', outcome: 'done' }]);
    });

    it('should end the run when every item fails, so a failing item never keeps it alive', () => {
      const offers = [anOffer(hw, 'A compléter'), anOffer(hw, 'À analyser')];
      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers }),
        event('MailboxAudited', { bySender: { [hw]: 1 } }),
        started,
        event('ItemFailed', { phase: 'import', itemId: 'a.eml', source: hw, error: 'no offer' }),
        event('ItemFailed', { phase: 'enrich', itemId: offers[0].id, source: hw, error: 'timeout' }),
        event('ItemFailed', { phase: 'analyse', itemId: offers[1].id, source: hw, error: 'invalid answer' }),
      );

      expect(actionable(state, 'enrich')).toBe(0);
      expect(nextOffer(state, 'enrich', new Set())).toBeUndefined();
      expect(decideRun(state)).toEqual([{ type: 'EndRun', outcome: 'done' }]);
    });

    it('should offer a failed item as work once the run has ended', () => {
      const offer = anOffer(hw, 'A compléter');
      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }),
        started,
        event('ItemFailed', { phase: 'enrich', itemId: offer.id, source: hw, error: 'timeout' }),
        event('RunEnded', { at: now, outcome: 'done' }),
      );

      expect(hasWork(state)).toBe(true);
    });

    it('should count a failed offer as work again at the next run', () => {
      const offer = anOffer(hw, 'A compléter');
      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }),
        started,
        event('ItemFailed', { phase: 'enrich', itemId: offer.id, source: hw, error: 'timeout' }),
        event('RunEnded', { at: now, outcome: 'done' }),
        started,
      );

      expect(actionable(state, 'enrich')).toBe(1);
    });

    it('should not restart a phase that failed as a whole', () => {
      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [] }),
        event('MailboxAudited', { bySender: { [hw]: 3 } }),
        started,
        event('PhaseStarted', { phase: 'import', total: 3 }),
        event('PhaseFailed', { phase: 'import', error: 'Mot de passe IMAP refusé' }),
      );

      expect(decideRun(state)).toEqual([{ type: 'EndRun', outcome: 'done' }]);
    });

    it('should not start a phase already running', () => {
      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter')] }),
        started,
        event('PhaseStarted', { phase: 'enrich', total: 1 }),
      );

      expect(decideRun(state)).toEqual([]);
    });

    it('should end as stopped once a stop is asked and the running phases are over', () => {
      let state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter')] }),
        started,
        event('PhaseStarted', { phase: 'enrich', total: 1 }),
        event('RunStopRequested', { at: now }),
      );
      expect(decideRun(state)).toEqual([]);

      state = evolve(state, event('PhaseFinished', { phase: 'enrich' }));

      expect(decideRun(state)).toEqual([{ type: 'EndRun', outcome: 'stopped' }]);
    });

    it('should start nothing more once a write failed, and end as stopped when the phases in hand are over', () => {
      let state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter'), anOffer(hw, 'À analyser')] }),
        event('MailboxAudited', { bySender: { [hw]: 2 } }),
        started,
        event('PhaseStarted', { phase: 'import', total: 2 }),
        event('RunHalted', { at: now, reason: 'Disque plein : …' }),
      );
      expect(decideRun(state)).toEqual([]);

      state = evolve(state, event('PhaseFailed', { phase: 'import', error: 'Disque plein : …' }));

      expect(decideRun(state)).toEqual([{ type: 'EndRun', outcome: 'stopped' }]);
    });
  });

  describe('Given sources with a phase turned off', () => {
    it('should count only the work of sources whose phase is on and available', () => {
      const state = given(
        event('TableLoaded', {
          sources: [aSource(hw, { activation: { ...on, enrich: false } }), aSource(li, { board: 'LinkedIn', available: { ...on, import: false } })],
          offers: [anOffer(hw, 'A compléter'), anOffer(li, 'A compléter'), anOffer(hw, 'À analyser')],
        }),
        event('MailboxAudited', { bySender: { [hw]: 1, [li]: 4 } }),
        started,
      );

      expect(actionable(state, 'import')).toBe(1);
      expect(actionable(state, 'enrich')).toBe(1);
      expect(nextOffer(state, 'enrich', new Set())?.source).toBe(li);
      expect(actionable(state, 'analyse')).toBe(1);
    });

    it('should follow an activation turned off during the run', () => {
      const state = given(
        event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter')] }),
        started,
        event('SourceActivationChanged', { sender: hw, phase: 'enrich', enabled: false }),
      );

      expect(decideRun(state)).toEqual([{ type: 'EndRun', outcome: 'done' }]);
    });
  });

  describe('Given offers already in hand', () => {
    it('should hand out the next offer in arrival order, skipping those in hand', () => {
      const [first, second] = [anOffer(hw, 'À analyser'), anOffer(hw, 'À analyser')];
      const state = given(event('TableLoaded', { sources: [aSource(hw)], offers: [first, second] }));

      expect(nextOffer(state, 'analyse', new Set())?.id).toBe(first.id);
      expect(nextOffer(state, 'analyse', new Set([first.id]))?.id).toBe(second.id);
      expect(nextOffer(state, 'analyse', new Set([first.id, second.id]))).toBeUndefined();
    });
  });
});
