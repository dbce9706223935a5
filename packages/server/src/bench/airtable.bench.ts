import type { NewOffer, OfferStore, OfferSummary } from '@veille/domain';
import { createAirtableStore } from '../adapters/airtable';
import { createAirtableClient } from '../adapters/airtable/client';
import { setupAirtable } from '../adapters/airtable/setup';
import { availabilityOf } from '../app/sources';
import { startFakeAirtable, type FakeAirtable } from '../testing/fakeAirtable';
import { report } from './measure';

const EXISTING = 2_000;
const SOURCES = 12;
const NEW_OFFERS = 200;
const OFFERS_PER_EMAIL = 10;
/** As phase 3 asks the store for texts (READ_BATCH in phases/analyse.ts). */
const TEXT_BATCH = 20;
const LATENCY_MS = 100;
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
    Array.from({ length: SOURCES }, (_unused, index) => ({ emailExpéditeur: senderOf(index), plugin: 'HelloWork', 'Activer la création': true, "Activer l'enrichissement": true, "Activer l'analyse par IA": true })),
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

/** Phase 2 then phase 3 as the store sees them: every offer's update issued while the others are pending. */
const runPhases = async (store: OfferStore, offers: OfferSummary[]): Promise<void> => {
  await Promise.all(
    offers.map((offer) =>
      store.updateOffers([{ id: offer.id, patch: { status: 'À analyser', text: `Texte de l'offre ${offer.title}`, reason: '', fill: { company: 'Acme SAS', salary: '45 k€' } } }]),
    ),
  );
  const reads: Promise<unknown>[] = [];
  for (let start = 0; start < offers.length; start += TEXT_BATCH) reads.push(store.readOffers(offers.slice(start, start + TEXT_BATCH).map((offer) => offer.id)));
  await Promise.all(reads);
  const analysis = { summary: 'Correspond au profil.', scores: { salaire: 14, localisation: 16 }, total: 15, dealBreakers: [], analyser: 'règles' };
  await Promise.all(offers.map((offer) => store.updateOffers([{ id: offer.id, patch: { status: 'À traiter', analysis, fill: { salary: '48 k€' } } }])));
};

/** Phase 2 as it runs today: `workers` at a time, each awaiting its write before taking the next offer. */
const runWorkers = async (store: OfferStore, offers: OfferSummary[], workers: number, workMs: number): Promise<void> => {
  const queue = [...offers];
  const worker = async (): Promise<void> => {
    for (let offer = queue.shift(); offer; offer = queue.shift()) {
      await new Promise((resolve) => setTimeout(resolve, workMs));
      await store.updateOffers([{ id: offer.id, patch: { status: 'Expiré', reason: 'Offre retirée' } }]);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
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
export const benchAirtable = async (): Promise<void> => {
  const fake = await startFakeAirtable({ latencyMs: LATENCY_MS });
  await seedBase(fake);
  const store = createAirtableStore({ apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url }, { availability: availabilityOf });

  const started = Date.now();
  await store.load();
  const created: OfferSummary[] = [];
  for (let start = 0; start < NEW_OFFERS; start += OFFERS_PER_EMAIL) {
    created.push(...(await store.saveOffers(Array.from({ length: OFFERS_PER_EMAIL }, (_unused, index) => newOffer(start + index)))));
  }
  await runPhases(store, created);
  const wallMs = Date.now() - started;
  const used = fake.count();
  const throttled = fake.log.filter((entry) => entry.status === 429).length;

  const textReads = ceil(NEW_OFFERS, TEXT_BATCH);
  const fillReads = 2 * ceil(NEW_OFFERS, 100);
  const bound = ceil(SOURCES, 100) + ceil(EXISTING + 0, 100) + 3 * ceil(NEW_OFFERS, 10) + textReads + fillReads;
  const naive = ceil(SOURCES, 100) + ceil(EXISTING, 100) + 2 * NEW_OFFERS + (ceil(NEW_OFFERS, 100) + 2 * NEW_OFFERS) + (ceil(NEW_OFFERS, 100) + 2 * NEW_OFFERS);

  process.stdout.write(`\nAirtable calls (T = ${EXISTING} offers, S = ${SOURCES} sources, M = ${NEW_OFFERS} new offers, ${LATENCY_MS} ms per request)\n`);
  report('Airtable calls for load + import + phases 2 and 3', `${used} (${byKind(fake)})`, `≤ ${bound} = ⌈S/100⌉ + ⌈T/100⌉ + 3·⌈M/10⌉ + ${textReads} text reads + ${fillReads} fill reads`);
  report('Same run, search-per-phase and write-per-offer design', `${naive}`, `${(naive / used).toFixed(1)}× more`);
  report('Wall time of the run', seconds(wallMs), `floor ${seconds((used / RATE) * 1_000)} at ${RATE} req/s`);
  report('Search-per-phase design at the same rate', seconds((naive / RATE) * 1_000), 'floor');
  report('429 answers received', `${throttled}`, '0');

  fake.resetLog();
  const workersStarted = Date.now();
  await runWorkers(store, created, 4, 300);
  report('Phase 2 today: 4 workers awaiting each write, 300 ms a page', `${fake.count()} calls in ${seconds(Date.now() - workersStarted)}`, `${ceil(NEW_OFFERS, 10)} with full batches`);

  await store.close();
  await fake.close();
};
