import { BOARDS, COLUMNS, OFFER_SORTS, type Board, type Column, type OfferSort, type SortOrder } from '@veille/domain';

/** What the workspace shows: the same names as the query of `GET /api/offers`, so the page's URL and the API's say the same thing. */
export type WorkspaceFilter = {
  /** Columns of the table: statuses, or `Autre` for statuses typed by hand. */
  readonly statuses: readonly Column[];
  /** A source's sender address, or '' for every source. */
  readonly source: string;
  /** A job board, or '' for every board. */
  readonly board: Board | '';
  readonly q: string;
  readonly minScore: number | undefined;
  /** YYYY-MM-DD, inclusive, on the offer's date; '' when not set. */
  readonly from: string;
  readonly to: string;
  readonly sort: OfferSort;
  readonly order: SortOrder;
};

/** Best first by score and by date; companies from A to Z. */
export const NATURAL_ORDER: Record<OfferSort, SortOrder> = { score: 'desc', date: 'desc', company: 'asc' };

export const NO_FILTER: WorkspaceFilter = { statuses: [], source: '', board: '', q: '', minScore: undefined, from: '', to: '', sort: 'score', order: 'desc' };

export const MAX_SCORE = 20;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return (values as readonly (string | null)[]).includes(value);
}

function readScore(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const score = Number(value);
  return Number.isFinite(score) && score >= 0 && score <= MAX_SCORE ? score : undefined;
}

function readDate(value: string | null): string {
  return value !== null && ISO_DATE.test(value) ? value : '';
}

/**
 * The filter a URL holds. A bookmark or a hand-edited address may hold anything: what is not a
 * column, a board, a sort, a date or a score between 0 and 20 is dropped rather than sent on to
 * the API, which would refuse the whole list for it.
 */
export function readFilter(params: URLSearchParams): WorkspaceFilter {
  const sort = params.get('sort');
  const order = params.get('order');
  const board = params.get('board');
  const known = oneOf(OFFER_SORTS, sort) ? sort : NO_FILTER.sort;
  return {
    statuses: [...new Set(params.getAll('status'))].filter((status) => oneOf(COLUMNS, status)),
    source: params.get('source') ?? '',
    board: oneOf(BOARDS, board) ? board : '',
    q: (params.get('q') ?? '').trim(),
    minScore: readScore(params.get('minScore')),
    from: readDate(params.get('from')),
    to: readDate(params.get('to')),
    sort: known,
    order: order === 'asc' || order === 'desc' ? order : NATURAL_ORDER[known],
  };
}

/** The filter as query parameters, leaving out what is the default so the URL stays short. */
export function filterParams(filter: WorkspaceFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filter.statuses) params.append('status', status);
  if (filter.source) params.set('source', filter.source);
  if (filter.board) params.set('board', filter.board);
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.minScore !== undefined) params.set('minScore', String(filter.minScore));
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.sort !== NO_FILTER.sort) params.set('sort', filter.sort);
  if (filter.order !== NATURAL_ORDER[filter.sort]) params.set('order', filter.order);
  return params;
}

/** The query `GET /api/offers` and `GET /api/offers.csv` take: the sort is always said, so the API's own default never matters. */
export function apiParams(filter: WorkspaceFilter): URLSearchParams {
  const params = filterParams(filter);
  params.set('sort', filter.sort);
  params.set('order', filter.order);
  return params;
}

export function sameFilter(a: WorkspaceFilter, b: WorkspaceFilter): boolean {
  return filterParams(a).toString() === filterParams(b).toString();
}
