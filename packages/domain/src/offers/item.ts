import { UNKNOWN_BOARD, type Board } from '../boards';
import type { OfferSummary } from '../offer';
import type { Projection } from '../projection';
import { duplicatesOf } from '../workflow/duplicates';
import { analysedByLabel, type CriterionScore, type DealBreakerHit } from './digest';
import { offerDateOf } from './query';

/** One offer as `GET /api/offers` lists it (the contract other tools rely on). */
export type OfferItem = {
  readonly id: string;
  /** The sender address of its alerts, or the reserved key of offers added by hand. */
  readonly source: string;
  readonly board: Board;
  readonly status: string;
  readonly title: string;
  readonly company: string;
  readonly city: string;
  readonly salary: string;
  /** YYYY-MM-DD: the board's date, else the day the offer was stored. */
  readonly date: string;
  readonly url: string;
  /** The analysis's summary, '' until analysed. */
  readonly summary: string;
  /** Total 0–20 and each criterion's score with why; null until analysed. */
  readonly score: { readonly total: number; readonly criteria: readonly CriterionScore[] } | null;
  /** The deal-breakers that hit, with why. */
  readonly dealBreakers: readonly DealBreakerHit[];
  /** "règles" or "Claude (model)"; null until analysed. */
  readonly analysedBy: string | null;
  /** What the analysis cost in US dollars (0 for the rules); null until analysed, or when it was not kept. */
  readonly cost: number | null;
  /** Why the phases set it aside (Ignoré, Expiré), or ''. */
  readonly reason: string;
  /** Whether it holds a text ("Réanalyser" needs one) and an analysis ("À traiter" needs one). */
  readonly hasText: boolean;
  readonly analysed: boolean;
  /** The boards its duplicates came from (« aussi vue sur Indeed »), each once, for the offer kept for a job; [] otherwise. */
  readonly seenAlsoOn: readonly Board[];
  /** The offer kept for the same job, when this one is its duplicate; null otherwise, or once that offer is deleted. */
  readonly duplicateOf: KeptOffer | null;
};

export type KeptOffer = { readonly id: string; readonly title: string; readonly company: string; readonly board: Board };

/** What an offer's list item says of the same job seen elsewhere. */
export type SameJobView = Pick<OfferItem, 'seenAlsoOn' | 'duplicateOf'>;

const ALONE: SameJobView = { seenAlsoOn: [], duplicateOf: null };

/** From the projection: the boards its duplicates came from, or the offer it is a duplicate of. */
export function sameJobView(offer: OfferSummary, state: Pick<Projection, 'offers' | 'sources' | 'sameJobs'>): SameJobView {
  const boardOf = (source: string): Board => state.sources.get(source)?.board ?? UNKNOWN_BOARD;
  const kept = offer.duplicateOf ? state.offers.get(offer.duplicateOf) : undefined;
  const seenAlsoOn = [...new Set(duplicatesOf(offer.id, state.offers, state.sameJobs).map((duplicate) => boardOf(duplicate.source)))];
  if (!kept && seenAlsoOn.length === 0) return ALONE;
  return {
    seenAlsoOn,
    duplicateOf: kept ? { id: kept.id, title: kept.title, company: kept.company, board: boardOf(kept.source) } : null,
  };
}

export function toOfferItem(offer: OfferSummary, board: Board, sameJob: SameJobView = ALONE): OfferItem {
  const { analysis } = offer;
  return {
    id: offer.id,
    source: offer.source,
    board,
    status: offer.status,
    title: offer.title,
    company: offer.company,
    city: offer.city,
    salary: offer.salary,
    date: offerDateOf(offer),
    url: offer.url,
    summary: analysis?.summary ?? '',
    score: analysis ? { total: analysis.total, criteria: analysis.criteria } : null,
    dealBreakers: analysis?.dealBreakers ?? [],
    analysedBy: analysis ? analysedByLabel(analysis.analyser) : null,
    cost: analysis?.costUsd ?? null,
    reason: offer.reason ?? '',
    hasText: offer.hasText,
    analysed: offer.analysed,
    seenAlsoOn: sameJob.seenAlsoOn,
    duplicateOf: sameJob.duplicateOf,
  };
}
