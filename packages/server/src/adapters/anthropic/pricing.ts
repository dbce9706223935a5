/**
 * Dollars per million tokens, by model family, from Anthropic's public price list (2026-11):
 * estimates for the Consommation API block, not an invoice. First match wins.
 */
const PRICES: { family: RegExp; input: number; output: number }[] = [
  { family: /fable|mythos/, input: 10, output: 50 },
  { family: /opus-5-5/, input: 4, output: 20 },
  { family: /opus-(5|4-[5-9])/, input: 5, output: 25 },
  { family: /opus/, input: 15, output: 75 },
  { family: /sonnet-5/, input: 2, output: 10 },
  { family: /sonnet/, input: 3, output: 15 },
  { family: /haiku-5/, input: 0.1, output: 0.5 },
  { family: /haiku/, input: 1, output: 5 },
];
const DEFAULT_PRICE = { input: 2, output: 10 };

/** A 5-minute cache write costs 1.25× the input price, a cache read 0.1×. */
const CACHE_WRITE = 1.25;
const CACHE_READ = 0.1;

export type TokenUsage = { input: number; output: number; cacheWrite: number; cacheRead: number };

/** Dollars per million input and output tokens; unknown model ids are priced as the default Sonnet. */
export function priceOf(model: string): { input: number; output: number } {
  return PRICES.find((candidate) => candidate.family.test(model)) ?? DEFAULT_PRICE;
}

/** The current models the page offers, each with its price per million tokens. */
export type ModelChoice = { id: string; label: string; inputPerMTok: number; outputPerMTok: number };

const CURRENT_MODELS = [
  { id: 'claude-haiku-5-5', label: 'Claude Haiku 5.5 (rapide, le moins cher)' },
  { id: 'claude-sonnet-5-5', label: 'Claude Sonnet 5.5 (recommandé)' },
  { id: 'claude-opus-5-5', label: 'Claude Opus 5.5 (le plus fin, le plus cher)' },
];

export function modelChoices(): ModelChoice[] {
  return CURRENT_MODELS.map(({ id, label }) => ({ id, label, inputPerMTok: priceOf(id).input, outputPerMTok: priceOf(id).output }));
}

export function estimateCost(model: string, usage: TokenUsage): number {
  const price = priceOf(model);
  const input = usage.input + usage.cacheWrite * CACHE_WRITE + usage.cacheRead * CACHE_READ;
  return (input * price.input + usage.output * price.output) / 1_000_000;
}

/** The Message Batches API bills every token at half the price, cache reads and writes included. */
export const BATCH_PRICE = 0.5;
