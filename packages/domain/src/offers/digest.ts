import type { Analysis } from '../ports';

export type CriterionScore = { readonly name: string; readonly score: number; readonly justification: string };
export type DealBreakerHit = { readonly name: string; readonly justification: string };

/**
 * What the projection keeps of an analysis: what the list and an offer's detail show. The offer's
 * text and the analysis's corrections stay in the store. Never mutated once built: events and the
 * projection share it.
 */
export type AnalysisDigest = {
  readonly summary: string;
  /** 0 to 20, computed by the product from the user's weights. */
  readonly total: number;
  readonly criteria: readonly CriterionScore[];
  /** Only those that hit, each with why. */
  readonly dealBreakers: readonly DealBreakerHit[];
  /** "règles", or the model's id. */
  readonly analyser: string;
  /** US dollars; undefined for analyses stored before costs were kept. */
  readonly costUsd?: number;
};

/** The label of the transparent rules analyser: never presented as AI. */
export const RULES_ANALYSER = 'règles';

export function digestOf(analysis: Analysis): AnalysisDigest {
  const { justifications } = analysis;
  return {
    summary: analysis.summary,
    total: analysis.total,
    criteria: Object.entries(analysis.scores).map(([name, score]) => ({ name, score, justification: justifications[name] ?? '' })),
    dealBreakers: analysis.dealBreakers.filter((verdict) => verdict.hit).map((verdict) => ({ name: verdict.title, justification: verdict.justification })),
    analyser: analysis.analyser,
    ...(analysis.costUsd === undefined ? {} : { costUsd: analysis.costUsd }),
  };
}

/** Who analysed, as the page says it: "règles", or "Claude (model)". */
export function analysedByLabel(analyser: string): string {
  if (analyser === RULES_ANALYSER) return analyser;
  return /^claude/i.test(analyser) ? `Claude (${analyser})` : analyser;
}
