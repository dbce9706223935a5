import { event, type Analyser, type NewOffer, type OfferStore, type OfferSummary, type PageFetcher } from '@veille/domain';
import { createAirtableStore } from '../../src/adapters/airtable';
import { createAirtableClient } from '../../src/adapters/airtable/client';
import { setupAirtable } from '../../src/adapters/airtable/setup';
import { createBus } from '../../src/core/bus';
import { createOfferLocks } from '../../src/core/offerLocks';
import { availabilityOf } from '../../src/core/sources';
import { analysePhase } from '../../src/phases/analyse';
import { enrichPhase } from '../../src/phases/enrich';
import { startFakeAirtable, type FakeAirtable } from '../fakeAirtable';
import { sleep } from '../http';
import { report } from './measure';

const EXISTING = 2_000;
const SOURCES = 12;
const NEW_OFFERS = 200;
const OFFERS_PER_EMAIL = 10;
/** As phase 3 asks the store for texts (READ_BATCH in phases/analyse.ts). */
const TEXT_BATCH = 20;
const LATENCY_MS = 100;
const PAGE_MS = 300;
const MODEL_MS = 600;
const RATE = 5;

const ceil = (count: number, size: number) => Math.ceil(count / size);
const seconds = (ms: number) => `${(ms / 1_000).toFixed(1)} s`;
const senderOf = (index: number) => `alerts-${index}@example.org`;

const newOffer = (index: number): NewOffer => ({
  key: `bench:${index}`,
  source: senderOf(index % SOURCES),
  url: `https://jobs.example.org/${index}`,
  title: `Data engineer ${index}`,
  company: index % 3 === 0 ? '' : 'Acme',
  city: 'Lyon',
  department: '',
  salary: '',
  offerDate: '',
});

/** A base that already holds S sources and T offers, put in place without requests. */
const seedBase = async (fake: FakeAirtable): Promise<void> => {
  const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
  await setupAirtable(config, undefined, createAirtableClient(config));
  const sourceIds = fake.insert(
    'Sources',
    Array.from({ length: SOURCES }, (_unused, index) => ({
      emailExpéditeur: senderOf(index),
      plugin: 'HelloWork',
      'Activer la création': true,
      "Activer l'enrichissement": true,
      "Activer l'analyse par IA": true,
    })),
  );
  fake.insert(
    'Offres',
    Array.from({ length: EXISTING }, (_unused, index) => ({
      'Id offre': `old:${index}`,
      URL: `https://jobs.example.org/old/${index}`,
      Poste: `Offre ${index}`,
      Statut: index % 2 ? 'Traité' : 'À traiter',
      'email expéditeur': [sourceIds[index % SOURCES]],
    })),
  );
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  fake.resetLog();
};

/** A fake base holding S sources and T offers, and a store on it. */
const openSeededBase = async (): Promise<{ fake: FakeAirtable; store: OfferStore }> => {
  const fake = await startFakeAirtable({ latencyMs: LATENCY_MS });
  await seedBase(fake);
  return { fake, store: createAirtableStore({ apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url }, { availability: availabilityOf }) };
};

/** The one load, then M new offers stored as import stores them, an email of 10 at a time. */
const loadAndImport = async (store: OfferStore): Promise<OfferSummary[]> => {
  await store.load();
  const created: OfferSummary[] = [];
  for (let start = 0; start < NEW_OFFERS; start += OFFERS_PER_EMAIL) {
    created.push(...(await store.saveOffers(Array.from({ length: OFFERS_PER_EMAIL }, (_unused, index) => newOffer(start + index)))));
  }
  return created;
};

/** Phase 2 then phase 3 as the store sees them: every offer's update issued while the others are pending. */
const runPhases = async (store: OfferStore, offers: OfferSummary[]): Promise<void> => {
  await Promise.all(
    offers.map((offer) =>
      store.updateOffers([
        { id: offer.id, patch: { status: 'À analyser', text: `Texte de l'offre ${offer.title}`, reason: '', fill: { company: 'Acme SAS', salary: '45 k€' } } },
      ]),
    ),
  );
  const reads: Promise<unknown>[] = [];
  for (let start = 0; start < offers.length; start += TEXT_BATCH)
    reads.push(store.readOffers(offers.slice(start, start + TEXT_BATCH).map((offer) => offer.id)));
  await Promise.all(reads);
  const analysis = {
    summary: 'Correspond au profil.',
    scores: { salaire: 14, localisation: 16 },
    justifications: {},
    total: 15,
    dealBreakers: [],
    analyser: 'règles',
  };
  await Promise.all(offers.map((offer) => store.updateOffers([{ id: offer.id, patch: { status: 'À traiter', analysis, fill: { salary: '48 k€' } } }])));
};

/**
 * Phases 2 then 3 as they run, through their workers: pages that take `pageMs`, an analysis that
 * takes `modelMs`, each offer's write handed off to the store's batches.
 */
const runRealPhases = async (store: OfferStore, created: OfferSummary[], pageMs: number, modelMs: number): Promise<void> => {
  const bus = createBus();
  bus.emit(event('TableLoaded', await store.load()));
  const fetchPage: PageFetcher = async (url) => (await sleep(pageMs), { kind: 'found', text: `Texte de l'offre ${url}`, fields: { salary: '45 k€' } });
  const analyser: Analyser = {
    label: 'bench',
    analyse: async () => (
      await sleep(modelMs),
      {
        summary: 'Correspond au profil.',
        scores: { salaire: 14 },
        justifications: {},
        total: 14,
        dealBreakers: [],
        analyser: 'bench',
        corrections: { company: 'Acme SAS' },
      }
    ),
  };
  const deps = { bus, store, fetchPage, analyser, concurrency: { enrich: 4, analyse: 3 }, locks: createOfferLocks() };
  const context = {
    stopping: () => false,
    progress: () => undefined,
    failItem: (id: string, _source: string, error: unknown) => {
      throw new Error(`${id}: ${String(error)}`);
    },
  };
  await enrichPhase(deps)({ ...context, phase: 'enrich' });
  await analysePhase(deps)({ ...context, phase: 'analyse' });
  const left = created.filter((offer) => bus.current().offers.get(offer.id)?.status !== 'À traiter');
  if (left.length > 0) throw new Error(`${left.length} offres ne sont pas allées au bout`);
};

const byKind = (fake: FakeAirtable): string =>
  (['list', 'upsert', 'update', 'create', 'meta'] as const)
    .map((kind) => [kind, fake.count(kind)] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');

/**
 * The call budget of issue 4: T = 2,000 offers and S sources in the base, a run that imports
 * M = 200 offers (upserts by email) and takes them through phases 2 and 3, against the fake
 * Airtable at 5 requests/s with 100 ms per request.
 */
export async function benchAirtable(): Promise<void> {
  const { fake, store } = await openSeededBase();

  const started = Date.now();
  const created = await loadAndImport(store);
  await runPhases(store, created);
  const wallMs = Date.now() - started;
  const used = fake.count();
  const throttled = fake.log.filter((entry) => entry.status === 429).length;

  const textReads = ceil(NEW_OFFERS, TEXT_BATCH);
  // Phase 2's fills need the stored values: one read per request of 10; phase 3's come with its text reads.
  const fillReads = ceil(NEW_OFFERS, 10);
  const bound = ceil(SOURCES, 100) + ceil(EXISTING + 0, 100) + 3 * ceil(NEW_OFFERS, 10) + textReads + fillReads;
  const naive = ceil(SOURCES, 100) + ceil(EXISTING, 100) + 2 * NEW_OFFERS + (ceil(NEW_OFFERS, 100) + 2 * NEW_OFFERS) + (ceil(NEW_OFFERS, 100) + 2 * NEW_OFFERS);

  process.stdout.write(`\nAirtable calls (T = ${EXISTING} offers, S = ${SOURCES} sources, M = ${NEW_OFFERS} new offers, ${LATENCY_MS} ms per request)\n`);
  report(
    'Airtable calls for load + import + phases 2 and 3',
    `${used} (${byKind(fake)})`,
    `≤ ${bound} = ⌈S/100⌉ + ⌈T/100⌉ + 3·⌈M/10⌉ + ${textReads} text reads + ${fillReads} fill reads`,
  );
  report('Same run, search-per-phase and write-per-offer design', `${naive}`, `${(naive / used).toFixed(1)}× more`);
  report('Wall time of the run', seconds(wallMs), `floor ${seconds((used / RATE) * 1_000)} at ${RATE} req/s`);
  report('Search-per-phase design at the same rate', seconds((naive / RATE) * 1_000), 'floor');
  report('429 answers received', `${throttled}`, '0');

  // The same run again, through the phases' own workers on a fresh base: each batch fills while pages and analyses go on.
  const { fake: realFake, store: realStore } = await openSeededBase();
  const fresh = await loadAndImport(realStore);
  realFake.resetLog();
  const phasesStarted = Date.now();
  await runRealPhases(realStore, fresh, PAGE_MS, MODEL_MS);
  const phaseBound = ceil(SOURCES, 100) + ceil(EXISTING + NEW_OFFERS, 100) + 2 * ceil(NEW_OFFERS, 10) + ceil(NEW_OFFERS, 10) + ceil(NEW_OFFERS, TEXT_BATCH);
  report(
    `Phases 2 and 3 through their workers (pages ${PAGE_MS} ms × 4, analyses ${MODEL_MS} ms × 3)`,
    `${realFake.count()} calls (${byKind(realFake)}) in ${seconds(Date.now() - phasesStarted)}`,
    `≤ ${phaseBound} + a few = load + 2·⌈M/10⌉ updates + ⌈M/10⌉ fill reads + ⌈M/${TEXT_BATCH}⌉ text reads`,
  );
  await realStore.close();
  await realFake.close();

  await store.close();
  await fake.close();
}
