export const PHASES = ['import', 'enrich', 'analyse'] as const;
export type PhaseId = (typeof PHASES)[number];

export const PHASE_LABELS: Record<PhaseId, string> = {
  import: 'Import des emails',
  enrich: 'Enrichissement',
  analyse: 'Analyse',
};

/** Builds one value per phase, so a phase added to PHASES is never left out. */
export function perPhase<T>(make: (phase: PhaseId) => T): Record<PhaseId, T> {
  return Object.fromEntries(PHASES.map((phase) => [phase, make(phase)])) as Record<PhaseId, T>;
}
