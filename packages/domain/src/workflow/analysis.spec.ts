import { aSource, anOffer, onProjection } from '../../test/given';
import { event } from '../events';
import type { Analysis } from '../ports';
import { decideAnalysis } from './analysis';
import { NOTHING } from './decision';

const hw = 'notification@emails.hellowork.com';
const analysis = onProjection(decideAnalysis);
const scored: Analysis = {
  summary: 'Correspond au profil.',
  scores: { salaire: 14 },
  justifications: { salaire: 'Au-dessus de votre plancher.' },
  total: 14,
  dealBreakers: [],
  analyser: 'règles',
  corrections: { salary: '48 k€' },
};

describe('Analysis decisions', () => {
  describe('Given an offer waiting in À analyser', () => {
    it('should store its analysis with the corrections for empty fields, and move it to À traiter', () => {
      const offer = anOffer(hw, 'À analyser');

      analysis
        .given(event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }))
        .when({ offerId: offer.id, analysis: scored })
        .then({
          updates: [{ id: offer.id, patch: { status: 'À traiter', analysis: scored, fill: { salary: '48 k€' } } }],
          events: [
            event('OfferStatusChanged', {
              offerId: offer.id,
              source: hw,
              from: 'À analyser',
              to: 'À traiter',
              details: { salary: '48 k€' },
              analysis: {
                summary: 'Correspond au profil.',
                total: 14,
                criteria: [{ name: 'salaire', score: 14, justification: 'Au-dessus de votre plancher.' }],
                dealBreakers: [],
                analyser: 'règles',
              },
            }),
          ],
        });
    });
  });

  describe('Given the offer was sent back to A compléter while it was analysed', () => {
    it('should keep where a person put it', () => {
      const offer = anOffer(hw, 'À analyser');

      analysis
        .given(
          event('TableLoaded', { sources: [aSource(hw)], offers: [offer] }),
          event('OfferStatusChanged', { offerId: offer.id, source: hw, from: 'À analyser', to: 'A compléter' }),
        )
        .when({ offerId: offer.id, analysis: scored })
        .then(NOTHING);
    });
  });
});
