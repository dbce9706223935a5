import { OTHER_STATUS, STATUS, type Column, type PhaseId } from '@veille/domain';

/** One colour per status column, so a count is found by its colour before its name is read; each keeps white text readable (WCAG AA, 4.5:1). */
export const COLUMN_COLOURS = {
  [STATUS.toComplete]: '#b45309',
  [STATUS.toAnalyse]: '#2563eb',
  [STATUS.toProcess]: '#047857',
  [STATUS.applied]: '#7c3aed',
  [STATUS.rejected]: '#dc2626',
  [STATUS.processed]: '#475569',
  [STATUS.ignored]: '#64748b',
  [STATUS.expired]: '#78716c',
  [OTHER_STATUS]: '#71717a',
} satisfies Record<Column, string>;

/** What each activation icon switches on, in the words of the page. */
export const ACTIVATION_NAMES: Record<PhaseId, string> = {
  import: 'Création des offres (lecture des emails)',
  enrich: 'Enrichissement (page de chaque offre)',
  analyse: 'Analyse (score selon vos critères)',
};

/**
 * Each phase's icon as SVG path data (24×24, stroked): the envelope the emails come from, the web
 * its pages are read on, the star of a score.
 */
export const PHASE_ICONS = {
  import: ['M5 5h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z', 'M3.5 7 12 13l8.5-6'],
  enrich: ['M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0z', 'M8.2 12a3.8 9 0 1 0 7.6 0a3.8 9 0 1 0-7.6 0z', 'M3 12h18'],
  analyse: ['M12 3l2.6 5.6 6.1.7-4.5 4.2 1.2 6L12 16.5 6.6 19.5l1.2-6-4.5-4.2 6.1-.7z'],
} satisfies Record<PhaseId, readonly string[]>;

export const UNAVAILABLE = 'Indisponible : pas de parseur/extracteur pour ce site';
