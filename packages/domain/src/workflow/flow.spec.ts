import { aSource, given, now } from '../../test/given';
import { actionable, nextOffer } from '../decisions';
import { event, type DomainEvent } from '../events';
import { deriveTable } from '../table';
import { decideAnalysis } from './analysis';
import { decideEnrichment } from './enrichment';
import { NEW_OFFER_STATUS, OFFER_FLOW, OFFER_PHASES, phaseWaitingOn } from './flow';
import { decideOffersCreated } from './import';
import { decideStatusChange } from './statusChange';

const hw = 'notification@emails.hellowork.com';

describe('The offer workflow', () => {
  it('should give each offer phase the status the one before it gives', () => {
    expect(OFFER_PHASES).toEqual(['enrich', 'analyse']);
    expect(OFFER_FLOW.enrich.input).toBe(NEW_OFFER_STATUS);
    expect(OFFER_FLOW.analyse.input).toBe(OFFER_FLOW.enrich.outcomes.found);
    expect(phaseWaitingOn('A compléter')).toBe('enrich');
    expect(phaseWaitingOn('À analyser')).toBe('analyse');
    expect(phaseWaitingOn('À traiter')).toBeUndefined();
  });

  it('should carry an offer from its import to a person’s decision, the table following every event', () => {
    const offer = {
      id: 'rec1',
      source: hw,
      url: 'https://www.hellowork.com/fr-fr/emplois/1.html',
      status: NEW_OFFER_STATUS,
      title: 'Data',
      company: 'Acme',
      city: 'Lyon',
      salary: '',
      offerDate: '',
      addedAt: '2026-11-24',
      hasText: false,
      analysed: false,
    };
    const history: DomainEvent[] = [event('TableLoaded', { sources: [aSource(hw)], offers: [] }), event('RunStarted', { at: now })];
    const record = (events: readonly DomainEvent[]) => history.push(...events);

    record(decideOffersCreated({ created: [offer] }));
    expect(nextOffer(given(...history), 'enrich', new Set())?.id).toBe(offer.id);

    record(decideEnrichment({ offerId: offer.id, outcome: { kind: 'found', text: 'Texte', fields: {} } }, given(...history)).events);
    expect(actionable(given(...history), 'analyse')).toBe(1);

    const analysis = { summary: 'Bien.', scores: {}, justifications: {}, total: 12, dealBreakers: [], analyser: 'règles' };
    record(decideAnalysis({ offerId: offer.id, analysis }, given(...history)).events);
    // A change by hand is decided from the projection alone: it knows the offer has a text and an analysis.
    expect(given(...history).offers.get(offer.id)).toMatchObject({ hasText: true, analysed: true });
    record(decideStatusChange({ ids: [offer.id], status: 'À traiter' }, given(...history).offers).events);
    record(decideStatusChange({ ids: [offer.id], status: 'Candidaté' }, given(...history).offers).events);

    const row = deriveTable(given(...history)).rows[0];
    expect(row.counts).toMatchObject({ 'A compléter': 0, 'À analyser': 0, 'À traiter': 0, Candidaté: 1 });
  });
});
