import type { Column, PhaseId } from '@veille/domain';

/** One colour per status column, so a count is found by its colour before its name is read. */
export const COLUMN_COLOURS: Record<Column, string> = {
  'A compléter': '#d97706',
  'À analyser': '#2563eb',
  'À traiter': '#059669',
  Candidaté: '#7c3aed',
  Refusé: '#dc2626',
  Traité: '#475569',
  Ignoré: '#94a3b8',
  Expiré: '#78716c',
  Autre: '#a1a1aa',
};

/** What each activation icon switches on, in the words of the page. */
export const ACTIVATION_NAMES: Record<PhaseId, string> = {
  import: 'Création des offres (lecture des emails)',
  enrich: 'Enrichissement (page de chaque offre)',
  analyse: 'Analyse (score selon vos critères)',
};

export const UNAVAILABLE = 'Indisponible : pas de parseur/extracteur pour ce site';
