import { event, type OfferDetails, type OfferStatusChanged } from '../events';
import type { OfferSummary } from '../offer';
import type { OfferFields, OfferPatch, OfferUpdate } from '../ports';

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

const SHOWN = ['title', 'company', 'city', 'salary', 'offerDate'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The fields a phase found that the projection shows, only where it had nothing (what the user
 * typed stays), as the event carries them: none at all when there is nothing new.
 */
export function newDetails(offer: OfferSummary, fields: Partial<OfferFields>): { details?: OfferDetails } {
  const details: OfferDetails = {};
  let found = false;
  for (const key of SHOWN) {
    const value = fields[key];
    if (offer[key] || !value || (key === 'offerDate' && !ISO_DATE.test(value))) continue;
    details[key] = value;
    found = true;
  }
  return found ? { details } : {};
}
