import type { PageOutcome } from '../ports';
import type { Projection } from '../projection';
import { moveOffer, newDetails, NOTHING, type OfferDecision } from './decision';
import { OFFER_FLOW } from './flow';

export type RecordPage = { readonly offerId: string; readonly outcome: PageOutcome };

/**
 * Phase 2 read an offer's page: with a text the offer goes on to analysis, a page gone or closed
 * makes it expire, anything else sets it aside, with why. An offer that left `A compléter` while
 * its page was read (changed by hand) keeps where it went.
 */
export function decideEnrichment({ offerId, outcome }: RecordPage, state: Projection): OfferDecision {
  const { input, outcomes } = OFFER_FLOW.enrich;
  const offer = state.offers.get(offerId);
  if (offer?.status !== input) return NOTHING;
  switch (outcome.kind) {
    case 'found':
      // Fields fill only what is empty in the store too.
      return moveOffer(
        offer,
        { status: outcomes.found, text: outcome.text, fill: outcome.fields, reason: '' },
        { ...newDetails(offer, outcome.fields), hasText: true },
      );
    case 'expired':
    case 'ignored':
      return moveOffer(offer, { status: outcomes[outcome.kind], reason: outcome.reason }, { reason: outcome.reason });
    default:
      return outcome satisfies never;
  }
}
