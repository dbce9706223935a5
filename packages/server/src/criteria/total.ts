import type { DealBreakerVerdict } from '@veille/domain';
import type { Criteria } from './criteria';

/** Each score's weight, from the user's criteria: the four fixed scores, then the optional ones. */
export function weightsOf(criteria: Criteria): Record<string, number> {
  const weights: Record<string, number> = {
    localisation: criteria.scores.localisation.weight,
    salaire: criteria.scores.salaire.weight,
    culture: criteria.scores.culture.weight,
    qualite: criteria.scores.qualite.weight,
  };
  for (const optional of criteria.optionalScores) weights[optional.name] = optional.weight;
  return weights;
}

/**
 * The total the product computes (never the model): the weighted mean of the scores, to one
 * decimal, and 0 as soon as one deal-breaker hits.
 */
export function totalOf(scores: Record<string, number>, dealBreakers: DealBreakerVerdict[], criteria: Criteria): number {
  if (dealBreakers.some((verdict) => verdict.hit)) return 0;
  const weights = weightsOf(criteria);
  const weightSum = Object.keys(scores).reduce((sum, name) => sum + (weights[name] ?? 0), 0);
  if (weightSum === 0) return 0;
  const weighted = Object.entries(scores).reduce((sum, [name, value]) => sum + value * (weights[name] ?? 0), 0);
  return Math.round((weighted / weightSum) * 10) / 10;
}
