/** Dollars per million tokens, by model family: estimates for the Consommation API block. */
const PRICES: { family: RegExp; input: number; output: number }[] = [
  { family: /opus/, input: 15, output: 75 },
  { family: /sonnet/, input: 3, output: 15 },
  { family: /haiku/, input: 1, output: 5 },
];

export type TokenUsage = { input: number; output: number; cacheWrite: number; cacheRead: number };

/** Cache writes cost 1.25× the input price, cache reads 0.1×. Unknown models are priced as Sonnet. */
export const estimateCost = (model: string, usage: TokenUsage): number => {
  const price = PRICES.find((candidate) => candidate.family.test(model)) ?? PRICES[1];
  return (usage.input * price.input + usage.cacheWrite * price.input * 1.25 + usage.cacheRead * price.input * 0.1 + usage.output * price.output) / 1_000_000;
};
