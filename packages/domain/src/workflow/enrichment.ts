import type { OfferSummary } from '../offer';
import type { OfferFields, PageOutcome } from '../ports';
import type { Projection } from '../projection';
import { moveOffer, newDetails, NOTHING, type OfferDecision } from './decision';
import { findKeptOffer } from './duplicates';
import { OFFER_FLOW } from './flow';
import { canonicalKey, sameJobKeys } from './sameJob';

export type RecordPage = { readonly offerId: string; readonly outcome: PageOutcome };

/** « Doublon de Data engineer — Acme (Indeed) »: the offer kept, as the person finds it in the list. */
export function duplicateReason(kept: Pick<OfferSummary, 'title' | 'company'>, board: string): string {
  const title = kept.title || 'Offre sans titre';
  return `Doublon de ${kept.company ? `${title} — ${kept.company}` : title} (${board})`;
}

/** The offer as its page makes it: the fields it lacked filled, and where the page says the job lives. */
const asRead = (offer: OfferSummary, fields: Partial<OfferFields>, canonical: string | undefined): OfferSummary => {
  const read = { ...offer, ...(canonical ? { canonical } : {}) };
  for (const key of ['title', 'company', 'city'] as const) if (!read[key] && fields[key]) read[key] = fields[key];
  return read;
};

/**
 * The same-job keys the offer will have once this page is recorded: two offers sharing one may be
 * each other's duplicate, so the phase decides them one after the other, each seeing the other stored.
 */
export function pageJobKeys(offer: OfferSummary, outcome: PageOutcome): string[] {
  if (outcome.kind !== 'found') return [];
  return sameJobKeys(asRead(offer, outcome.fields, outcome.canonical ? canonicalKey(outcome.canonical) : undefined));
}

/**
 * Phase 2 read an offer's page: with a text the offer goes on to analysis, unless it is a job
 * already known (then it is that offer's duplicate, set aside with its text and never analysed);
 * a page gone or closed makes it expire, anything else sets it aside, with why. An offer that left
 * `A compléter` while its page was read (changed by hand) keeps where it went.
 */
export function decideEnrichment({ offerId, outcome }: RecordPage, state: Projection): OfferDecision {
  const { input, outcomes } = OFFER_FLOW.enrich;
  const offer = state.offers.get(offerId);
  if (offer?.status !== input) return NOTHING;
  switch (outcome.kind) {
    case 'found': {
      const canonical = outcome.canonical ? canonicalKey(outcome.canonical) : undefined;
      const page = { text: outcome.text, fill: outcome.fields, ...(canonical ? { canonical } : {}) };
      // Fields fill only what is empty in the store too.
      const details = { ...newDetails(offer, outcome.fields), hasText: true as const, ...(canonical ? { canonical } : {}) };
      const kept = findKeptOffer(asRead(offer, outcome.fields, canonical), state.offers, state.sameJobs);
      if (!kept) return moveOffer(offer, { status: outcomes.found, reason: '', ...page }, details);
      const reason = duplicateReason(kept, state.sources.get(kept.source)?.board ?? '');
      return moveOffer(offer, { status: outcomes.duplicate, reason, duplicateOf: kept.id, ...page }, { ...details, reason, duplicateOf: kept.id });
    }
    case 'expired':
    case 'ignored':
      return moveOffer(offer, { status: outcomes[outcome.kind], reason: outcome.reason }, { reason: outcome.reason });
    default:
      return outcome satisfies never;
  }
}
