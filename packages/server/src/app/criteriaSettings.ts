import type { Analyser } from '@veille/domain';
import { parseCriteria, saveCriteria, type Criteria } from '../criteria/criteria';

export type CriteriaSettings = {
  current(): Criteria;
  /** Validates, stores, then analyses with the new criteria from the next offer on. */
  update(json: unknown): Promise<Criteria>;
};

/**
 * The user's criteria as the settings page edits them, and the analyser that follows them: a
 * new analyser is built from each saved version, so an analysis never mixes two versions.
 */
export const criteriaSettings = (
  file: string,
  initial: Criteria,
  build: (criteria: Criteria) => Analyser,
): { settings: CriteriaSettings; analyser: Analyser } => {
  let criteria = initial;
  let current = build(initial);
  return {
    settings: {
      current: () => criteria,
      update: async (json) => {
        const next = parseCriteria(json);
        await saveCriteria(file, next);
        criteria = next;
        current = build(next);
        return next;
      },
    },
    analyser: { label: current.label, analyse: (offer) => current.analyse(offer) },
  };
};
