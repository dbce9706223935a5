import type { OfferRecord } from '@veille/domain';
import { createClaudeAnalyser } from '../../src/adapters/anthropic';
import { DEFAULT_CRITERIA } from '../../src/criteria/criteria';
import { startFakeAnthropic } from '../fakeAnthropic';
import { anOfferRecord } from '../offers';
import { report } from './measure';

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 500);
const MODEL = 'claude-sonnet-5-5';
const WORKERS = 10;

/** A criteria file as long as a real one, so that the prefix is cached on both paths. */
const criteria = {
  ...DEFAULT_CRITERIA,
  otherResources: 'Parcours : data engineer depuis 2019, pipelines Airflow et dbt, modélisation, qualité des données. '.repeat(60),
};

const backlog = (): OfferRecord[] =>
  Array.from({ length: BACKLOG }, (_, index) => anOfferRecord({ id: `rec${index}`, key: `hellowork:${index}`, title: `Data engineer ${index}` }));

/** Dollars per offer through the normal API, the prefix cached, WORKERS calls at a time as phase 3 makes them. */
const normalPath = async (): Promise<number> => {
  const fake = await startFakeAnthropic();
  const analyser = createClaudeAnalyser({ apiKey: 'bench', model: MODEL, baseURL: fake.url, concurrency: WORKERS }, criteria);
  const queue = backlog();
  let spent = 0;
  const worker = async (): Promise<void> => {
    for (let offer = queue.shift(); offer; offer = queue.shift()) {
      // Read after the call: `spent += await …` would add to the total as it was before the call.
      const { costUsd = 0 } = await analyser.analyse(offer);
      spent += costUsd;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await fake.close();
  return spent / BACKLOG;
};

/** Dollars per offer through one message batch: the same prompt, its results as phase 3 applies them. */
const batchPath = async (): Promise<number> => {
  const fake = await startFakeAnthropic({ batches: { processingMs: 0 } });
  const batches = createClaudeAnalyser({ apiKey: 'bench', model: MODEL, baseURL: fake.url, concurrency: WORKERS }, criteria).batches;
  if (!batches) throw new Error('Claude offers no batches');
  const offers = backlog();
  const id = await batches.submit(offers);
  while (!(await batches.check(id)).ended);
  let spent = 0;
  for await (const result of batches.results(
    id,
    offers.map((offer) => offer.id),
  ))
    if ('analysis' in result) spent += result.analysis.costUsd ?? 0;
  await fake.close();
  return spent / BACKLOG;
};

/** Issue 14 §2: a backlog analysed at half price through the Message Batches API, beside today's per-offer cost with the cache. */
export async function benchBatch(): Promise<void> {
  const normal = await normalPath();
  const batched = await batchPath();
  report(`analysis of a backlog of ${BACKLOG}, cost per offer: normal API (cache)`, `$${normal.toFixed(5)}`, 'information');
  report(
    `  the same backlog as one message batch (cache, 50 % price)`,
    `$${batched.toFixed(5)} = ${((100 * batched) / normal).toFixed(0)} %`,
    '≤ 55 % of the normal API',
  );
}
