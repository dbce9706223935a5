/** What the projection keeps of an offer: enough to count it, pick it as work and name it. */
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
};

/** The label of an offer in a phase line: "HelloWork — Data engineer (Lyon)". */
export function describeOffer(offer: Pick<OfferSummary, 'title' | 'city'>, board: string): string {
  const title = offer.title || 'Offre sans titre';
  return offer.city ? `${board} — ${title} (${offer.city})` : `${board} — ${title}`;
}
