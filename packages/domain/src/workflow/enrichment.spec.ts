import { aSource, anOffer, given, now, onProjection } from '../../test/given';
import { event } from '../events';
import { NOTHING } from './decision';
import { decideEnrichment } from './enrichment';

const hw = 'notification@emails.hellowork.com';
const enrichment = onProjection(decideEnrichment);

describe('Enrichment decisions', () => {
  describe('Given an offer waiting in A compléter', () => {
    const offer = anOffer(hw, 'A compléter', { company: '' });
    const loaded = event('TableLoaded', { sources: [aSource(hw)], offers: [offer] });

    it('should store the text and empty fields of a page found, and move the offer to À analyser with the details it lacked', () => {
      const fields = { title: 'Data engineer senior', company: 'Acme SAS', salary: '50 k€' };

      enrichment
        .given(loaded)
        .when({ offerId: offer.id, outcome: { kind: 'found', text: 'Le texte', fields } })
        .then({
          updates: [{ id: offer.id, patch: { status: 'À analyser', text: 'Le texte', fill: fields, reason: '' } }],
          events: [
            event('OfferStatusChanged', {
              offerId: offer.id,
              source: hw,
              from: 'A compléter',
              to: 'À analyser',
              details: { company: 'Acme SAS', salary: '50 k€' },
              hasText: true,
            }),
          ],
        });
    });

    it('should make an offer whose page is gone expire, with why', () => {
      enrichment
        .given(loaded)
        .when({ offerId: offer.id, outcome: { kind: 'expired', reason: 'Page disparue (410)' } })
        .then({
          updates: [{ id: offer.id, patch: { status: 'Expiré', reason: 'Page disparue (410)' } }],
          events: [event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'A compléter', to: 'Expiré', reason: 'Page disparue (410)' })],
        });
    });

    it('should set aside an offer whose page could not be read, with why', () => {
      enrichment
        .given(loaded)
        .when({ offerId: offer.id, outcome: { kind: 'ignored', reason: 'Page illisible' } })
        .then({
          updates: [{ id: offer.id, patch: { status: 'Ignoré', reason: 'Page illisible' } }],
          events: [event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'A compléter', to: 'Ignoré', reason: 'Page illisible' })],
        });
    });
  });

  describe('Given the offer left A compléter while its page was read', () => {
    it('should keep where a person put it', () => {
      const offer = anOffer(hw, 'A compléter');

      enrichment
        .given(
          event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }),
          event('RunStarted', { at: now }),
          event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'A compléter', to: 'Refusé' }),
        )
        .when({ offerId: offer.id, outcome: { kind: 'found', text: 'Le texte', fields: {} } })
        .then(NOTHING);
    });

    it('should do nothing for an offer deleted meanwhile', () => {
      const offer = anOffer(hw, 'A compléter');

      enrichment
        .given(
          event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }),
          event('OfferDeleted', { offerId: offer.id, source: hw, status: 'A compléter' }),
        )
        .when({ offerId: offer.id, outcome: { kind: 'ignored', reason: 'Délai dépassé' } })
        .then(NOTHING);
    });
  });

  it('should leave the projection as the store after the events it decided', () => {
    const offer = anOffer(hw, 'A compléter', { title: '' });
    const state = given(event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }));

    const { events } = decideEnrichment({ offerId: offer.id, outcome: { kind: 'found', text: 'Texte', fields: { title: 'Data' } } }, state);
    const after = given(event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }), ...events);

    expect(after.offers.get(offer.id)).toMatchObject({ status: 'À analyser', title: 'Data', reason: '' });
  });
});
