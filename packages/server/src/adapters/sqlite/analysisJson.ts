import type { Analysis, DealBreakerVerdict } from '@veille/domain';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const isRecordOf = <T>(value: unknown, isItem: (item: unknown) => item is T): value is Record<string, T> =>
  isObject(value) && Object.values(value).every(isItem);

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const isVerdict = (value: unknown): value is DealBreakerVerdict =>
  isObject(value) && isString(value.title) && typeof value.hit === 'boolean' && isString(value.justification);

const CORRECTED = ['title', 'company', 'city', 'salary'] as const;

const correctionsOf = (value: unknown): Analysis['corrections'] | 'invalid' => {
  if (value === undefined) return undefined;
  if (!isObject(value)) return 'invalid';
  const corrections: NonNullable<Analysis['corrections']> = {};
  for (const field of CORRECTED) {
    const corrected = value[field];
    if (corrected === undefined) continue;
    if (!isString(corrected)) return 'invalid';
    corrections[field] = corrected;
  }
  return corrections;
};

/**
 * An offer's stored analysis, checked field by field; undefined when it is not one (a file
 * edited by hand), as if the offer had never been analysed. Written by hand rather than as a zod
 * schema: at 100,000 offers, zod's copy of every analysis's scores and justifications cost a
 * fifth of the start-up. Justifications that do not read as such are dropped (analyses stored
 * before they were asked for have none); fields it does not know are left out.
 */
export function readAnalysis(json: string | null): Analysis | undefined {
  if (!json) return undefined;
  const value: unknown = JSON.parse(json);
  if (!isObject(value)) return undefined;
  const { summary, scores, justifications, total, dealBreakers, analyser, costUsd } = value;
  if (!isString(summary) || !isRecordOf(scores, isNumber) || !isNumber(total) || !isString(analyser)) return undefined;
  if (!Array.isArray(dealBreakers) || !dealBreakers.every(isVerdict)) return undefined;
  if (costUsd !== undefined && !isNumber(costUsd)) return undefined;
  const corrections = correctionsOf(value.corrections);
  if (corrections === 'invalid') return undefined;
  return {
    summary,
    scores,
    justifications: isRecordOf(justifications, isString) ? justifications : {},
    total,
    dealBreakers,
    analyser,
    ...(costUsd === undefined ? {} : { costUsd }),
    ...(corrections ? { corrections } : {}),
  };
}
