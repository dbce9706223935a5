import { event, type DigestReady, type DomainEvent } from './events';
import type { Projection } from './projection';
import { STATUS } from './statuses';

/** The threshold when the user set none: a total of 14/20 or more is worth telling. */
export const DIGEST_MIN_SCORE = 14;

/** Offers the notification's event names: it stays small whatever the run found. */
export const DIGEST_BEST_MAX = 5;

/** An offer as the email digest shows it. */
export type DigestOffer = {
  readonly id: string;
  readonly title: string;
  readonly company: string;
  readonly city: string;
  readonly salary: string;
  readonly url: string;
  readonly summary: string;
  /** The analysis's total, 0 to 20. */
  readonly score: number;
};

/**
 * What a run has analysed so far. `known` holds the offers analysed before it started: analysed
 * again in this run (« Réanalyser »), they are not new.
 */
export type DigestDraft = { readonly known: ReadonlySet<string>; readonly analysed: ReadonlySet<string> };

const analysedIds = (state: Projection): Set<string> => {
  const ids = new Set<string>();
  for (const offer of state.offers.values()) if (offer.analysed) ids.add(offer.id);
  return ids;
};

/**
 * Folds one event, with the projection after it, into what the run under way has analysed. Only
 * phase 3's verdicts count (a status change carrying an analysis): a status set by hand does not.
 */
export function evolveDigestDraft(draft: DigestDraft | undefined, event: DomainEvent, state: Projection): DigestDraft | undefined {
  if (event.type === 'RunStarted') return { known: analysedIds(state), analysed: new Set() };
  if (!draft || event.type !== 'OfferStatusChanged' || !event.data.analysis || draft.known.has(event.data.offerId)) return draft;
  return { known: draft.known, analysed: new Set(draft.analysed).add(event.data.offerId) };
}

const byScore = (a: DigestOffer, b: DigestOffer): number => b.score - a.score || a.title.localeCompare(b.title, 'fr') || a.id.localeCompare(b.id);

/**
 * The offers worth telling once the run has ended, best first: analysed in this run, still
 * waiting for the person (À traiter: one already set aside by hand is not news), and scoring at
 * least the threshold.
 */
export function decideDigest(draft: DigestDraft | undefined, state: Projection, minScore: number): DigestOffer[] {
  if (!draft) return [];
  const offers: DigestOffer[] = [];
  for (const id of draft.analysed) {
    const offer = state.offers.get(id);
    if (!offer?.analysis || offer.status !== STATUS.toProcess || offer.analysis.total < minScore) continue;
    const { title, company, city, salary, url } = offer;
    offers.push({ id, title, company, city, salary, url, summary: offer.analysis.summary, score: offer.analysis.total });
  }
  return offers.sort(byScore);
}

/** The event that tells the open pages (a notification) and says whether an email follows. */
export function digestReady(offers: readonly DigestOffer[], { at, minScore, mailing }: { at: string; minScore: number; mailing: boolean }): DigestReady {
  const best = offers.slice(0, DIGEST_BEST_MAX).map(({ id, title, company, score }) => ({ id, title, company, score }));
  return event<DigestReady>('DigestReady', { at, minScore, count: offers.length, best, mailing });
}

/** « 3 nouvelles offres ≥ 14/20 »: the notification's title and the email's subject. */
export function digestHeadline(count: number, minScore: number): string {
  return count > 1 ? `${count} nouvelles offres ≥ ${minScore}/20` : `1 nouvelle offre ≥ ${minScore}/20`;
}
