import type { Status } from './statuses';

export const PHASES = ['import', 'enrich', 'analyse'] as const;
export type PhaseId = (typeof PHASES)[number];

/** The status an offer must hold to be work for a phase (import works on emails, not offers). */
export const INPUT_STATUS: Record<Exclude<PhaseId, 'import'>, Status> = {
  enrich: 'A compléter',
  analyse: 'À analyser',
};

export const PHASE_LABELS: Record<PhaseId, string> = {
  import: 'Import des emails',
  enrich: 'Enrichissement',
  analyse: 'Analyse',
};
