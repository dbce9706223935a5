import type { AnalysisDigest } from './offers/digest';

/**
 * What the projection keeps of an offer: enough to count it, pick it as work, list it, rank it and
 * decide a change by hand (it is the `OfferFacts` of `decideStatusChange`). Its text and the
 * analysis's corrections stay in the store.
 */
export type OfferSummary = {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  status: string;
  title: string;
  company: string;
  city: string;
  /** Why the offer was set aside (Ignoré, Expiré), shown on hover. */
  reason?: string;
  salary: string;
  /** YYYY-MM-DD the board gives for the offer, or ''. */
  offerDate: string;
  /** YYYY-MM-DD the offer was stored. */
  addedAt: string;
  hasText: boolean;
  analysed: boolean;
  /** What the list shows of the analysis, once there is one. */
  analysis?: AnalysisDigest;
  /** Where the job's page says it lives, normalised (`canonicalKey`): how the same job is known from another board. */
  canonical?: string;
  /** The id of the offer kept for the same job, when this one is its duplicate. */
  duplicateOf?: string;
};

/** The label of an offer in a phase line: "HelloWork — Data engineer (Lyon)". */
export function describeOffer(offer: Pick<OfferSummary, 'title' | 'city'>, board: string): string {
  const title = offer.title || 'Offre sans titre';
  return offer.city ? `${board} — ${title} (${offer.city})` : `${board} — ${title}`;
}
