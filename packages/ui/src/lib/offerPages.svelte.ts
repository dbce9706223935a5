import { SvelteMap } from 'svelte/reactivity';
import type { OfferItem, OfferStatusChanged } from '@veille/domain';
import { api } from './api';
import type { WorkspaceFilter } from './filter';

export const PAGE_SIZE = 50;

/**
 * The offers of one filter, fetched from the API page by page (limit/offset) as the list scrolls
 * to them: 10,000 offers are never asked for, nor drawn, at once.
 */
export class OfferPages {
  total = $state(0);
  /** The first page has answered: until then "no offer" would be a lie. */
  loaded = $state(false);
  error = $state('');

  #pages = new SvelteMap<number, readonly OfferItem[]>();
  // Bookkeeping that no view reads: plain Maps, not reactive ones.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the requests on their way, to abort them
  #pending = new Map<number, AbortController>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- where each offer sits, to change its status when an event names it
  #where = new Map<string, number>();
  #filter: WorkspaceFilter;

  constructor(filter: WorkspaceFilter) {
    this.#filter = filter;
  }

  at(index: number): OfferItem | undefined {
    return this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  find(id: string): OfferItem | undefined {
    const index = this.#where.get(id);
    return index === undefined ? undefined : this.at(index);
  }

  /** Fetches what is missing to show the offers from `start` to `end` (excluded). */
  want(start: number, end: number): void {
    const last = Math.max(start, end - 1);
    for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (!this.#pages.has(page) && !this.#pending.has(page) && (page === 0 || page * PAGE_SIZE < this.total)) void this.#load(page);
    }
  }

  /** Another filter, or the same one read again: everything fetched so far is forgotten. */
  reset(filter: WorkspaceFilter = this.#filter): void {
    for (const request of this.#pending.values()) request.abort();
    this.#pending.clear();
    this.#pages.clear();
    this.#where.clear();
    this.#filter = filter;
    this.loaded = false;
    this.error = '';
    this.want(0, PAGE_SIZE);
  }

  /** This page set an offer's status: it shows at once, before the event comes back. */
  moved(id: string, status: string): void {
    this.#update(id, (item) => (item.status === status ? item : { ...item, status }));
  }

  /**
   * An offer changed, from this page, another one or a phase: it shows its new status where it
   * is, rather than jumping out of the list under the user's eyes. A phase's analysis or
   * corrected fields are read again from the API, which lists the offer as the server sees it.
   */
  changed(change: OfferStatusChanged['data']): void {
    this.#update(change.offerId, (item) => ({ ...item, status: change.to, reason: change.reason ?? '', hasText: item.hasText || change.hasText === true }));
    if (change.analysis || change.details) void this.#reread(change.offerId);
  }

  /** An offer changed in the store outside Veille ("Mise à jour" read it again): shown as the API lists it now, where it is. */
  refreshed(id: string): void {
    if (this.#where.has(id)) void this.#reread(id);
  }

  #update(id: string, change: (item: OfferItem) => OfferItem): void {
    const index = this.#where.get(id);
    if (index === undefined) return;
    const page = Math.floor(index / PAGE_SIZE);
    const items = this.#pages.get(page);
    const item = items?.[index % PAGE_SIZE];
    if (!items || item?.id !== id) return;
    const next = change(item);
    if (next !== item)
      this.#pages.set(
        page,
        items.map((other) => (other === item ? next : other)),
      );
  }

  async #reread(id: string): Promise<void> {
    const answer = await api.offer(id);
    if (typeof answer === 'string') return;
    const { text: _text, ...item } = answer;
    this.#update(id, () => item);
  }

  async #load(page: number): Promise<void> {
    const request = new AbortController();
    this.#pending.set(page, request);
    try {
      const answer = await api.listOffers(this.#filter, page * PAGE_SIZE, PAGE_SIZE, request.signal);
      if (typeof answer === 'string') {
        this.error = answer;
        return;
      }
      this.error = '';
      this.total = answer.total;
      answer.items.forEach((item, offset) => this.#where.set(item.id, page * PAGE_SIZE + offset));
      this.#pages.set(page, answer.items);
      this.loaded = true;
    } catch {
      // Aborted: the filter changed, and its own requests are on their way.
    } finally {
      if (this.#pending.get(page) === request) this.#pending.delete(page);
    }
  }
}
