import { filterParams, readFilter, type WorkspaceFilter } from './filter';

/** Where the page is: the workspace open or not, its filter, and the offer opened in it. */
export type Place = { readonly open: boolean; readonly filter: WorkspaceFilter; readonly offerId: string };

const VIEW = 'vue';
const WORKSPACE = 'offres';
const OFFER = 'offre';

export function readPlace(search: string): Place {
  const params = new URLSearchParams(search);
  return { open: params.get(VIEW) === WORKSPACE, filter: readFilter(params), offerId: params.get(OFFER) ?? '' };
}

export function placeSearch(place: Place): string {
  if (!place.open) return '';
  const params = new URLSearchParams({ [VIEW]: WORKSPACE });
  for (const [name, value] of filterParams(place.filter)) params.append(name, value);
  if (place.offerId) params.set(OFFER, place.offerId);
  return `?${params}`;
}
