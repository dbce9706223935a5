import { NO_FILTER, sameFilter, type WorkspaceFilter } from './filter';
import { placeSearch, readPlace, type Place, type SettingsSection } from './place';

/**
 * The page's place lives in its URL, so a reload or a bookmark opens the same list: each change
 * of filter is a history entry (back and forward walk through them), while the offer opened and
 * the text being typed replace the current entry instead of burying the filters under them.
 */
class Route {
  place = $state.raw<Place>(readPlace(window.location.search));

  constructor() {
    window.addEventListener('popstate', () => (this.place = readPlace(window.location.search)));
  }

  go(change: Partial<Place>, how: 'push' | 'replace' = 'push'): void {
    const next = { ...this.place, ...change };
    const search = placeSearch(next);
    if (search === placeSearch(this.place)) return;
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    if (how === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    this.place = next;
  }

  /** Opens the workspace on these offers, e.g. from a count of the summary table. */
  open(filter: Partial<WorkspaceFilter>): void {
    this.go({ open: true, filter: { ...NO_FILTER, ...filter }, offerId: '', settings: undefined });
  }

  /** Paramètres, on one of its sections, instead of the dashboard. */
  settings(section: SettingsSection = 'boite-mail'): void {
    this.go({ open: false, offerId: '', settings: section });
  }

  /** Back to the dashboard from Paramètres. */
  dashboard(): void {
    this.go({ settings: undefined });
  }

  filterBy(filter: WorkspaceFilter, how: 'push' | 'replace' = 'push'): void {
    if (!sameFilter(filter, this.place.filter)) this.go({ filter }, how);
  }
}

export const route = new Route();
