import { event, type OfferStatusChanged } from '../events';
import type { OfferSummary } from '../offer';
import type { OfferPatch, OfferUpdate } from '../ports';

/**
 * What a decision on offers produced: the writes the store makes first, then the events that tell
 * the projection, in that order, so the table never runs ahead of the store.
 */
export type OfferDecision = { readonly updates: readonly OfferUpdate[]; readonly events: readonly OfferStatusChanged[] };

/** A decision that has nothing to do: the offer moved meanwhile, or already holds the status. */
export const NOTHING: OfferDecision = { updates: [], events: [] };

type Change = Omit<OfferStatusChanged['data'], 'offerId' | 'source' | 'from' | 'to'>;

/** One offer leaving the status it holds: its write and its event say the same thing. */
export function moveOffer(offer: Pick<OfferSummary, 'id' | 'source' | 'status'>, patch: OfferPatch, change: Change = {}): OfferDecision {
  return {
    updates: [{ id: offer.id, patch }],
    events: [event<OfferStatusChanged>('OfferStatusChanged', { offerId: offer.id, source: offer.source, from: offer.status, to: patch.status, ...change })],
  };
}
