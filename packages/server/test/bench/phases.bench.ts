import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { event, type NewOffer } from '@veille/domain';
import pino from 'pino';
import { createClaudeAnalyser } from '../../src/adapters/anthropic';
import { estimateCost } from '../../src/adapters/anthropic/pricing';
import { createPageFetcher } from '../../src/adapters/page-fetcher';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { createBus } from '../../src/core/bus';
import { createOfferLocks } from '../../src/core/offerLocks';
import { startScheduler } from '../../src/core/scheduler';
import { availabilityOf } from '../../src/core/sources';
import { DEFAULT_CRITERIA } from '../../src/criteria/criteria';
import { analysePhase } from '../../src/phases/analyse';
import { enrichPhase } from '../../src/phases/enrich';
import { startFakeAnthropic } from '../fakeAnthropic';
import { runEnded } from '../harness';
import { HELLOWORK, offerOf } from '../newOffers';
import { report } from './measure';

const OFFERS = Number(process.env.BENCH_OFFERS ?? 200);
const HOSTS = 10;
const PAGE_LATENCY_MS = 300;
const MODEL_LATENCY_MS = Number(process.env.BENCH_MODEL_MS ?? 2_000);
const ENRICH_WORKERS = 4;
const ANALYSE_WORKERS = 3;
const MODEL = 'claude-sonnet-5-5';

const page = (id: number): string =>
  `<html><head><script type="application/ld+json">${JSON.stringify({
    '@type': 'JobPosting',
    title: `Data engineer ${id}`,
    description: `<p>${'Construire et faire vivre la plateforme de données, avec Python, Airflow et dbt. '.repeat(12)}</p>`,
    hiringOrganization: { name: 'Acme' },
    jobLocation: { address: { addressLocality: 'Lyon', postalCode: '69002' } },
  })}</script></head><body></body></html>`;

const pageServer = (host: string): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(page(Number(request.url?.slice(1)))), PAGE_LATENCY_MS);
    });
    server.listen(0, host, () => resolve(server));
  });

/** Phases 2 and 3 on 200 offers, pages at 300 ms and the model at 2 s, against the floor the concurrency limits set. */
export async function benchPhases(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veille-bench-'));
  const servers = await Promise.all(Array.from({ length: HOSTS }, (_unused, index) => pageServer(`127.0.0.${index + 1}`)));
  const claude = await startFakeAnthropic({ latencyMs: MODEL_LATENCY_MS });
  const store = openSqliteStore(path.join(dir, 'veille.sqlite'), availabilityOf);
  await store.addSources([HELLOWORK]);
  const offers: NewOffer[] = Array.from({ length: OFFERS }, (_unused, index) => {
    const { address, port } = servers[index % HOSTS].address() as AddressInfo;
    return offerOf(HELLOWORK, `hellowork:${index}`, `http://${address}:${port}/${index}`);
  });
  await store.saveOffers(offers);

  const bus = createBus();
  let inputTokens = 0;
  let cachedTokens = 0;
  let outputTokens = 0;
  let costUsd = 0;
  const meter = (call: { inputTokens?: number; cachedTokens?: number; outputTokens?: number; costUsd?: number }) => {
    inputTokens += call.inputTokens ?? 0;
    cachedTokens += call.cachedTokens ?? 0;
    outputTokens += call.outputTokens ?? 0;
    costUsd += call.costUsd ?? 0;
  };
  const criteria = {
    ...DEFAULT_CRITERIA,
    otherResources: 'Parcours : data engineer depuis 2019, pipelines Airflow et dbt, modélisation, qualité des données. '.repeat(60),
  };
  const deps = {
    bus,
    store,
    fetchPage: createPageFetcher({ allowPrivate: true, perHostDelayMs: 0 }),
    analyser: createClaudeAnalyser({ apiKey: 'bench', model: MODEL, baseURL: claude.url, concurrency: ANALYSE_WORKERS }, criteria, { meter }),
    concurrency: { enrich: ENRICH_WORKERS, analyse: ANALYSE_WORKERS },
    locks: createOfferLocks(),
  };
  const scheduler = startScheduler(
    { bus, now: () => new Date(), log: pino({ level: 'silent' }), secrets: [] },
    {
      import: () => Promise.resolve(),
      enrich: enrichPhase(deps),
      analyse: analysePhase(deps),
    },
  );
  bus.emit(event('TableLoaded', await store.load()));

  const started = Date.now();
  bus.emit(event('RunStarted', { at: new Date().toISOString() }));
  const state = await runEnded(bus);
  const seconds = (Date.now() - started) / 1000;
  scheduler.close();
  await store.close();
  await claude.close();
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });

  const done = state.counts.get(HELLOWORK.sender)?.['À traiter'] ?? 0;
  const enrichFloor = Math.ceil(OFFERS / Math.min(ENRICH_WORKERS, HOSTS * 2)) * (PAGE_LATENCY_MS / 1000);
  const analyseFloor = Math.ceil(OFFERS / ANALYSE_WORKERS) * (MODEL_LATENCY_MS / 1000);
  const floor = Math.max(enrichFloor, PAGE_LATENCY_MS / 1000 + analyseFloor);
  report(
    `phases 2+3 on ${OFFERS} offers (${done} analysed; pages 300 ms, model 2 s)`,
    `${seconds.toFixed(1)} s`,
    `≤ 1.2 × floor ${floor.toFixed(1)} s = ${(floor * 1.2).toFixed(1)} s`,
  );
  report('input tokens per offer, prefix sent in full every time', `${Math.round(inputTokens / done)}`, 'information');
  report('  of which read from the cache (billed at 0.1×)', `${Math.round(cachedTokens / done)}`, 'information');
  report('input tokens per offer, billed equivalent with the cache', `${Math.round((inputTokens - cachedTokens * 0.9) / done)}`, 'information');
  const uncached = estimateCost(MODEL, { input: inputTokens, output: outputTokens, cacheWrite: 0, cacheRead: 0 });
  report(`estimated cost of the ${done} analyses (${MODEL}), without / with the cache`, `$${uncached.toFixed(3)} / $${costUsd.toFixed(3)}`, 'information');
}
