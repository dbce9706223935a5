import type { OfferSummary } from '../offer';

const MARKS = /\p{M}+/gu;
const NON_ASCII = /[\u0080-\uffff]/;

/** Lower case without accents or ligatures: "Société Générale — Cœur" → "societe generale — coeur". */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** The words of a search, folded: an offer matches when its text holds every one of them. */
export function searchWords(q: string): string[] {
  return foldText(q).split(/\s+/).filter(Boolean);
}

type Folded = {
  readonly title: string;
  readonly company: string;
  readonly city: string;
  readonly summary: string;
  /** Title, company, city and summary folded, one per line. */
  readonly text: string;
  readonly companyKey: string;
};

/** What a search and a sort by company read of an offer, folded. */
export type SearchKeys = {
  text(offer: OfferSummary): string;
  company(offer: OfferSummary): string;
};

/**
 * Folded texts computed on first use and kept while the offer's fields stay the same strings: a
 * search over 100,000 offers then costs a substring test per offer, not a fold. Offers leave the
 * cache with the projection that holds them.
 */
export function createSearchKeys(): SearchKeys {
  const cache = new WeakMap<OfferSummary, Folded>();
  const folded = (offer: OfferSummary): Folded => {
    const summary = offer.analysis?.summary ?? '';
    const kept = cache.get(offer);
    if (kept && kept.title === offer.title && kept.company === offer.company && kept.city === offer.city && kept.summary === summary) return kept;
    const fresh: Folded = {
      title: offer.title,
      company: offer.company,
      city: offer.city,
      summary,
      text: foldText(`${offer.title}\n${offer.company}\n${offer.city}\n${summary}`),
      companyKey: foldText(offer.company),
    };
    cache.set(offer, fresh);
    return fresh;
  };
  return { text: (offer) => folded(offer).text, company: (offer) => folded(offer).companyKey };
}
