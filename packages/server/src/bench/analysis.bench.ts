import type { OfferRecord } from '@veille/domain';
import { createClaudeAnalyser } from '../adapters/anthropic';
import { systemPrompt } from '../adapters/anthropic/prompt';
import { estimateCost } from '../adapters/anthropic/pricing';
import { DEFAULT_CRITERIA, type Criteria } from '../criteria/criteria';
import { startFakeAnthropic } from '../testing/fakeAnthropic';
import { tokensOf } from '../testing/fakeAnthropic/promptCache';
import { anOfferRecord } from '../testing/offers';
import { report } from './measure';

const OFFERS = Number(process.env.BENCH_OFFERS ?? 200);
const MODEL_LATENCY_MS = Number(process.env.BENCH_MODEL_MS ?? 2_000);
const CONCURRENCY = 3;
const MODEL = 'claude-sonnet-5-5';
const MIN_CACHED_TOKENS = 1_024;

/** A user who pasted a CV into "other resources": the prefix is then long enough to be cached. */
const withCv: Criteria = {
  ...DEFAULT_CRITERIA,
  otherResources: 'Parcours : data engineer depuis 2019, pipelines Airflow et dbt, modélisation, qualité des données. '.repeat(60),
};

const runPool = async (offers: OfferRecord[], work: (offer: OfferRecord) => Promise<unknown>): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < offers.length) await work(offers[next++]);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
};

/**
 * Phase 3's calls alone: 200 offers through the real SDK against the fake Messages API answering
 * in 2 s, 3 at a time, against the floor that limit sets; then what the cached prefix saves.
 */
export const benchAnalysis = async (): Promise<void> => {
  const fake = await startFakeAnthropic({ latencyMs: MODEL_LATENCY_MS, minCachedTokens: MIN_CACHED_TOKENS });
  const totals = { input: 0, cached: 0, output: 0, cost: 0, calls: 0 };
  const analyser = createClaudeAnalyser({ apiKey: 'bench', model: MODEL, baseURL: fake.url, concurrency: CONCURRENCY }, withCv, {
    meter: (call) => {
      totals.calls += call.calls;
      totals.input += call.inputTokens ?? 0;
      totals.cached += call.cachedTokens ?? 0;
      totals.output += call.outputTokens ?? 0;
      totals.cost += call.costUsd ?? 0;
    },
  });
  const offers = Array.from({ length: OFFERS }, (_unused, index) => anOfferRecord({ id: `rec${index}`, key: `hellowork:${index}`, title: `Data engineer ${index}` }));

  const started = Date.now();
  let failed = 0;
  await runPool(offers, (offer) => analyser.analyse(offer).catch(() => (failed += 1)));
  const seconds = (Date.now() - started) / 1000;
  await fake.close();

  const floor = Math.ceil(OFFERS / CONCURRENCY) * (MODEL_LATENCY_MS / 1000);
  const perOffer = (tokens: number) => `${Math.round(tokens / OFFERS)}`;
  const costWithout = estimateCost(MODEL, { input: totals.input, output: totals.output, cacheWrite: 0, cacheRead: 0 });
  report(
    `phase 3 calls on ${OFFERS} offers (model ${MODEL_LATENCY_MS / 1000} s, ${CONCURRENCY} at a time, ${failed} failed)`,
    `${seconds.toFixed(1)} s`,
    `≤ 1.2 × floor ${floor.toFixed(1)} s = ${(floor * 1.2).toFixed(1)} s`,
  );
  report('input tokens per offer without the cached prefix', perOffer(totals.input), 'information');
  report('input tokens per offer with it, not read from the cache', perOffer(totals.input - totals.cached), 'information');
  report('  and read from the cache (billed at 0.1×)', perOffer(totals.cached), 'information');
  report(`estimated cost of the ${OFFERS} offers, without / with the cache`, `$${costWithout.toFixed(3)} / $${totals.cost.toFixed(3)}`, 'information');
  const defaultPrefix = tokensOf(systemPrompt(DEFAULT_CRITERIA));
  report('prefix with the default criteria (≈ tokens, cached from 1,024)', `${defaultPrefix}`, 'information');
};
