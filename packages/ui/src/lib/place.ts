import { filterParams, readFilter, type WorkspaceFilter } from './filter';

/** The sections of Paramètres, as the URL names them. */
export const SETTINGS_SECTIONS = ['boite-mail', 'stockage', 'analyse', 'resume', 'criteres'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/**
 * Where the page is: the workspace open or not, its filter, and the offer opened in it; or the
 * section of Paramètres shown instead of the dashboard.
 */
export type Place = { readonly open: boolean; readonly filter: WorkspaceFilter; readonly offerId: string; readonly settings?: SettingsSection };

const VIEW = 'vue';
const WORKSPACE = 'offres';
const SETTINGS = 'parametres';
const SECTION = 'section';
const OFFER = 'offre';

const sectionOf = (name: string | null): SettingsSection => SETTINGS_SECTIONS.find((section) => section === name) ?? 'boite-mail';

export function readPlace(search: string): Place {
  const params = new URLSearchParams(search);
  const place = { open: params.get(VIEW) === WORKSPACE, filter: readFilter(params), offerId: params.get(OFFER) ?? '' };
  return params.get(VIEW) === SETTINGS ? { ...place, settings: sectionOf(params.get(SECTION)) } : place;
}

export function placeSearch(place: Place): string {
  if (place.settings) return `?${new URLSearchParams({ [VIEW]: SETTINGS, [SECTION]: place.settings })}`;
  if (!place.open) return '';
  const params = new URLSearchParams({ [VIEW]: WORKSPACE });
  for (const [name, value] of filterParams(place.filter)) params.append(name, value);
  if (place.offerId) params.set(OFFER, place.offerId);
  return `?${params}`;
}
