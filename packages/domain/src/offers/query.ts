import type { Board } from '../boards';
import type { OfferSummary } from '../offer';
import type { Projection } from '../projection';
import { columnOf, type Column } from '../statuses';
import { searchWords, type SearchKeys } from './search';

export const OFFER_SORTS = ['score', 'date', 'company'] as const;
export type OfferSort = (typeof OFFER_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** The offers a person asks for: every filter is optional, and all of them apply together. */
export type OfferFilter = {
  /** Columns of the table: a status, or `Autre` for any status typed by hand. */
  readonly statuses?: readonly Column[];
  readonly sources?: readonly string[];
  readonly boards?: readonly Board[];
  /** Words found in the title, company, city or summary, whatever their case and accents. */
  readonly q?: string;
  /** Only offers analysed with at least this total. */
  readonly minScore?: number;
  /** YYYY-MM-DD, inclusive, on the offer's date. */
  readonly from?: string;
  readonly to?: string;
};

export type OfferQuery = OfferFilter & {
  readonly sort: OfferSort;
  /** Default: best score first, newest first, companies A to Z. */
  readonly order?: SortOrder;
};

export type OfferPage = { readonly total: number; readonly offers: readonly OfferSummary[] };

const DEFAULT_ORDER: Record<OfferSort, SortOrder> = { score: 'desc', date: 'desc', company: 'asc' };

/** The date the list shows: the board's, else the day the offer was stored. */
export function offerDateOf(offer: OfferSummary): string {
  return offer.offerDate || offer.addedAt;
}

type Compare = (a: OfferSummary, b: OfferSummary) => number;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Unscored offers come last in either order: nothing to rank them by. */
const byScore = (sign: number): Compare => {
  return (a, b) => {
    const left = a.analysis?.total;
    const right = b.analysis?.total;
    if (left === undefined || right === undefined) return left === right ? 0 : left === undefined ? 1 : -1;
    return sign * (left - right);
  };
};

const byDate =
  (sign: number): Compare =>
  (a, b) =>
    sign * byText(offerDateOf(a), offerDateOf(b));

/** Offers without a company come last in either order. */
const byCompany =
  (sign: number, keys: SearchKeys): Compare =>
  (a, b) => {
    const left = keys.company(a);
    const right = keys.company(b);
    if (!left || !right) return left === right ? 0 : left ? -1 : 1;
    return sign * byText(left, right);
  };

const then =
  (...compares: Compare[]): Compare =>
  (a, b) => {
    for (const compare of compares) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return byText(a.id, b.id);
  };

/** The full order of a sort: ties broken by score, then date, then id, so pages never overlap. */
export function compareOffers(sort: OfferSort, order: SortOrder | undefined, keys: SearchKeys): Compare {
  const sign = (order ?? DEFAULT_ORDER[sort]) === 'asc' ? 1 : -1;
  switch (sort) {
    case 'score':
      return then(byScore(sign), byDate(-1));
    case 'date':
      return then(byDate(sign), byScore(-1));
    case 'company':
      return then(byCompany(sign, keys), byScore(-1), byDate(-1));
    default:
      return sort satisfies never;
  }
}

/** The predicate of a filter, the status aside (the caller walks only the statuses asked for). */
export function offerMatcher(state: Projection, filter: OfferFilter, keys: SearchKeys): (offer: OfferSummary) => boolean {
  const sources = filter.sources?.length ? new Set(filter.sources) : undefined;
  const boards = filter.boards?.length ? new Set<string>(filter.boards) : undefined;
  const words = filter.q ? searchWords(filter.q) : [];
  const { minScore, from, to } = filter;
  return (offer) => {
    if (sources && !sources.has(offer.source)) return false;
    if (boards && !boards.has(state.sources.get(offer.source)?.board ?? '')) return false;
    if (minScore !== undefined && !(offer.analysis && offer.analysis.total >= minScore)) return false;
    if (from || to) {
      const date = offerDateOf(offer);
      if ((from && date < from) || (to && date > to)) return false;
    }
    if (words.length > 0) {
      const text = keys.text(offer);
      for (const word of words) if (!text.includes(word)) return false;
    }
    return true;
  };
}

/** The offers a filter matches, walking only the statuses asked for (every offer without a status filter). */
function collect(state: Projection, filter: OfferFilter, keys: SearchKeys): OfferSummary[] {
  const matches = offerMatcher(state, filter, keys);
  const found: OfferSummary[] = [];
  if (!filter.statuses?.length) {
    for (const offer of state.offers.values()) if (matches(offer)) found.push(offer);
    return found;
  }
  const wanted = new Set<string>(filter.statuses);
  for (const [status, ids] of state.byStatus) {
    if (!wanted.has(columnOf(status))) continue;
    for (const id of ids) {
      const offer = state.offers.get(id);
      if (offer && matches(offer)) found.push(offer);
    }
  }
  return found;
}

/**
 * The first `count` items in order, without sorting them all: a page of 50 among 100,000 offers
 * costs one comparison for most of them.
 */
export function firstInOrder<T>(items: readonly T[], compare: (a: T, b: T) => number, count: number): T[] {
  if (count <= 0) return [];
  if (count * 4 >= items.length) return [...items].sort(compare).slice(0, count);
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === count && compare(item, kept[count - 1]) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(item, kept[middle]) < 0) high = middle;
      else low = middle + 1;
    }
    kept.splice(low, 0, item);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

/** Every offer a filter matches, in the query's order: from the projection, never from the store. */
export function matchingOffers(state: Projection, query: OfferQuery, keys: SearchKeys): OfferSummary[] {
  return collect(state, query, keys).sort(compareOffers(query.sort, query.order, keys));
}

/** One page of the offers a query matches, and how many match in all. */
export function selectOffers(state: Projection, query: OfferQuery, page: { offset: number; limit: number }, keys: SearchKeys): OfferPage {
  const found = collect(state, query, keys);
  const first = firstInOrder(found, compareOffers(query.sort, query.order, keys), page.offset + page.limit);
  return { total: found.length, offers: first.slice(page.offset) };
}
