/**
 * The user's analysis criteria as `data/criteres.json` holds them: the page's form and the
 * server's schema (which checks them, in French) both follow this shape.
 */
export type Criteria = {
  readonly keywords: readonly string[];
  readonly locations: readonly string[];
  readonly remoteOk: boolean;
  /** Yearly gross salary in euros below which an offer scores low; null: no floor. */
  readonly salaryFloor: number | null;
  readonly dealBreakers: readonly CriteriaDealBreaker[];
  readonly scores: Readonly<Record<ScoreName, CriteriaScore>>;
  readonly optionalScores: readonly CriteriaOptionalScore[];
  /** Free text for the analyser: a CV, what the user is looking for… */
  readonly otherResources: string;
};

export type CriteriaScore = { readonly expectation: string; readonly weight: number };
export type CriteriaDealBreaker = { readonly title: string; readonly description: string; readonly keywords: readonly string[] };
export type CriteriaOptionalScore = CriteriaScore & { readonly name: string; readonly keywords: readonly string[] };

/** The four scores every analysis gives. */
export const SCORE_NAMES = ['localisation', 'salaire', 'culture', 'qualite'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

/** Few enough for a model to weigh each one with care. */
export const MAX_DEAL_BREAKERS = 4;
export const MAX_OPTIONAL_SCORES = 4;
