import type { Analysis } from '../ports';
import type { Projection } from '../projection';
import { digestOf } from '../offers/digest';
import { moveOffer, newDetails, NOTHING, type OfferDecision } from './decision';
import { OFFER_FLOW } from './flow';

export type RecordAnalysis = { readonly offerId: string; readonly analysis: Analysis };

/**
 * Phase 3 scored an offer: it waits for the person, with its analysis. Corrections fill only empty
 * fields, so what the user typed stays. An offer that left `À analyser` meanwhile keeps where it went.
 */
export function decideAnalysis({ offerId, analysis }: RecordAnalysis, state: Projection): OfferDecision {
  const { input, outcomes } = OFFER_FLOW.analyse;
  const offer = state.offers.get(offerId);
  if (offer?.status !== input) return NOTHING;
  const change = { ...newDetails(offer, analysis.corrections ?? {}), analysis: digestOf(analysis) };
  return moveOffer(offer, { status: outcomes.analysed, analysis, fill: analysis.corrections }, change);
}
