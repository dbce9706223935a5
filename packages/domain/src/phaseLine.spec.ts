import { aSource, anOffer, given, now } from '../test/given';
import { event, type DomainEvent } from './events';
import { phaseLineState, type PhaseLineState } from './phaseLine';
import { perPhase, type PhaseId } from './phases';
import { evolve } from './projection';
import { fromView, toView } from './view';

const hw = 'notification@emails.hellowork.com';
const offer = anOffer(hw, 'A compléter');

const loaded = event('TableLoaded', { sources: [aSource(hw)], offers: [] });
const twoEmails = event('MailboxAudited', { bySender: { [hw]: 2 } });
const started = event('RunStarted', { at: now });
const begin = (phase: PhaseId, total = 1) => event('PhaseStarted', { phase, total });
const finish = (phase: PhaseId) => event('PhaseFinished', { phase });
const firstEmailImported = [event('EmailArchived', { sender: hw, emailId: 'mail-1', offers: 1 }), event('OfferCreated', { offer })];
const enriched = event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'A compléter', to: 'À analyser' });
const analysed = event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'À analyser', to: 'À traiter' });
/** Import is still reading the second email while enrichment has done the offer of the first. */
const enrichDrainedWhileImportRuns = [loaded, twoEmails, started, begin('import', 2), ...firstEmailImported, begin('enrich'), enriched, finish('enrich')];

const lines = (...events: DomainEvent[]): Record<PhaseId, PhaseLineState> => {
  const state = given(...events);
  return perPhase((phase) => phaseLineState(state, phase));
};

describe('Phase lines', () => {
  describe('Given no run yet', () => {
    it('should show every phase idle, even one with work waiting', () => {
      expect(lines(loaded, twoEmails)).toEqual({ import: 'idle', enrich: 'idle', analyse: 'idle' });
    });
  });

  describe('When a run starts', () => {
    it('should show the phase with work and the phases it feeds as waiting', () => {
      expect(lines(loaded, twoEmails, started)).toEqual({ import: 'waiting', enrich: 'waiting', analyse: 'waiting' });
    });

    it('should leave idle a phase no source has switched on: nothing can come to it', () => {
      const noAnalysis = event('TableLoaded', { sources: [aSource(hw, { activation: { import: true, enrich: true, analyse: false } })], offers: [] });

      expect(lines(noAnalysis, twoEmails, started, begin('import', 2))).toEqual({ import: 'running', enrich: 'waiting', analyse: 'idle' });
    });
  });

  describe('When a phase runs dry while an earlier phase still runs', () => {
    it('should wait instead of showing "Terminé": the earlier phase may feed it', () => {
      expect(lines(...enrichDrainedWhileImportRuns)).toEqual({ import: 'running', enrich: 'waiting', analyse: 'waiting' });
    });

    it('should still wait once the earlier phase is done, while offers are left for it', () => {
      const importDone = [...enrichDrainedWhileImportRuns, event('EmailArchived', { sender: hw, emailId: 'mail-2', offers: 1 })];
      const second = anOffer(hw, 'A compléter');

      expect(lines(...importDone, event('OfferCreated', { offer: second }), finish('import'))).toMatchObject({ import: 'finished', enrich: 'waiting' });
    });
  });

  describe('When the phases before it are done and nothing is left', () => {
    it('should show it finished', () => {
      const done = [...enrichDrainedWhileImportRuns, event('EmailArchived', { sender: hw, emailId: 'mail-2', offers: 0 }), finish('import')];

      expect(lines(...done)).toEqual({ import: 'finished', enrich: 'finished', analyse: 'waiting' });
      expect(lines(...done, begin('analyse'), analysed, finish('analyse'))).toEqual({ import: 'finished', enrich: 'finished', analyse: 'finished' });
    });

    it('should show it finished when the earlier phase failed as a whole: nothing more will come', () => {
      const importFailed = event('PhaseFailed', { phase: 'import', error: 'Boîte injoignable' });

      expect(lines(...enrichDrainedWhileImportRuns, importFailed)).toEqual({ import: 'failed', enrich: 'finished', analyse: 'waiting' });
    });
  });

  describe('When the run is stopping', () => {
    it('should show what each phase did: no phase starts again', () => {
      expect(lines(...enrichDrainedWhileImportRuns, event('RunStopRequested', { at: now }))).toEqual({
        import: 'running',
        enrich: 'finished',
        analyse: 'idle',
      });
    });
  });

  describe('When the run has ended', () => {
    it('should show each phase as it ended, with work left or not', () => {
      const ended = [...enrichDrainedWhileImportRuns, finish('import'), event('RunEnded', { at: now, outcome: 'done' as const })];

      expect(lines(...ended)).toEqual({ import: 'finished', enrich: 'finished', analyse: 'idle' });
    });
  });

  describe('Given a page that rebuilt the projection from a snapshot taken mid-run', () => {
    it('should fold the next events to the same lines as the server', () => {
      let server = given(...enrichDrainedWhileImportRuns);
      let page = fromView(toView(server));
      const next = [event('EmailArchived', { sender: hw, emailId: 'mail-2', offers: 0 }), finish('import'), begin('analyse'), analysed, finish('analyse')];

      for (const change of next) {
        server = evolve(server, change);
        page = evolve(page, change);
        expect(toView(page).run.phases).toEqual(toView(server).run.phases);
      }
    });
  });
});
