import type { CallMeter, OfferStore } from '@veille/domain';
import { startFakeAirtable, type FakeAirtable, type FakeAirtableOptions } from '../../../test/fakeAirtable';
import { HELLOWORK, helloWorkOffer } from '../../../test/newOffers';
import { describeOfferStoreContract } from '../../../test/storeContract';
import { availabilityOf } from '../../core/sources';
import { createAirtableStore, type AirtableStoreOptions } from '.';
import { createAirtableClient } from './client';
import { setupAirtable } from './setup';

const source = HELLOWORK;
const { sender } = source;
const newOffer = (id: number) => helloWorkOffer(id, { offerDate: '2026-11-02' });

/** A fake base prepared by setup, and a store on it; `fast` lifts the 5 requests/s for suites that test behaviour, not limits. */
const startBase = async (fakeOptions: FakeAirtableOptions = {}, storeOptions: Partial<AirtableStoreOptions> = {}) => {
  const fake = await startFakeAirtable(fakeOptions);
  const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
  await setupAirtable(config, undefined, createAirtableClient(config, { requestsPerSecond: fakeOptions.requestsPerSecond ?? 5 }));
  // Setup's requests must leave the one-second window before a test counts against the limit.
  if (!fakeOptions.requestsPerSecond) await new Promise((resolve) => setTimeout(resolve, 1_100));
  fake.resetLog();
  const calls: Record<string, number> = {};
  const meter: CallMeter = (call) => (calls[call.kind] = (calls[call.kind] ?? 0) + call.calls);
  const store = createAirtableStore(config, { availability: availabilityOf, meter, flushDelayMs: 20, ...storeOptions });
  return { fake, store, calls, config };
};

describeOfferStoreContract('Airtable', async () => {
  const { fake, store } = await startBase({ requestsPerSecond: 1_000 }, { requestsPerSecond: 1_000, flushDelayMs: 5 });
  const byHand = {
    setStatus: (id: string, status: string) => fake.edit('Offres', id, { Statut: status }),
    remove: (id: string) => void fake.remove('Offres', id),
  };
  return { store, byHand, cleanup: async () => (await store.close(), await fake.close()) };
});

describe('Airtable store', () => {
  let fake: FakeAirtable;
  let store: OfferStore;
  let calls: Record<string, number>;

  afterEach(async () => {
    await store.close();
    await fake.close();
  });

  describe('When writes trickle in', () => {
    beforeEach(async () => {
      ({ fake, store } = await startBase({ requestsPerSecond: 1_000 }, { requestsPerSecond: 1_000, flushDelayMs: 60_000 }));
      await store.addSources([source]);
      fake.resetLog();
    });

    it('should send a full request of 10 at once and hold a partial one until the caller flushes, for new offers and for updates', async () => {
      const saving = store.saveOffers(Array.from({ length: 13 }, (_unused, index) => newOffer(index)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fake.records('Offres')).toHaveLength(10);
      store.flush('created');
      const created = await saving;
      expect(fake.count('upsert')).toBe(2);
      fake.resetLog();
      const updating = Promise.all(created.map((offer) => store.updateOffers([{ id: offer.id, patch: { status: 'Ignoré', reason: 'Hors critères' } }])));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fake.records('Offres').filter((record) => record.fields.Statut === 'Ignoré')).toHaveLength(10);

      store.flush();
      await updating;
      expect(fake.records('Offres').filter((record) => record.fields.Statut === 'Ignoré')).toHaveLength(13);
      expect(fake.count('update')).toBe(2);
    });

    it('should send what is held back when closed', async () => {
      const saving = store.saveOffers([newOffer(1)]);
      store.flush();
      const [created] = await saving;
      const updating = store.updateOffers([{ id: created.id, patch: { status: 'Ignoré' } }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store.close();
      await updating;
      expect(fake.records('Offres')[0].fields.Statut).toBe('Ignoré');
    });
  });

  describe('When loading a base of 250 offers', () => {
    beforeEach(async () => {
      ({ fake, store, calls } = await startBase({ requestsPerSecond: 1_000 }, { requestsPerSecond: 1_000 }));
      await store.addSources([source]);
      await store.saveOffers(Array.from({ length: 250 }, (_unused, index) => newOffer(index)));
      fake.resetLog();
    });

    it('should list each table once, by pages of 100, with only the projection fields', async () => {
      const snapshot = await store.load();

      expect(snapshot.offers).toHaveLength(250);
      expect(snapshot.offers[0]).toEqual({
        id: expect.stringMatching(/^rec/),
        source: sender,
        url: expect.any(String),
        status: 'A compléter',
        title: 'Data engineer 0',
        company: 'Acme',
        city: 'Lyon',
        reason: '',
        salary: '',
        offerDate: '2026-11-02',
        addedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        hasText: false,
        analysed: false,
      });
      expect(fake.count('list')).toBe(1 + 3);
      // The Offres table's id, for links to its records, is asked of the Meta API once per process.
      expect(fake.count('meta')).toBe(1);
      await store.load();
      expect(fake.count('meta')).toBe(1);
      expect(fake.log.filter((entry) => entry.kind === 'list').every((entry) => entry.method === 'GET')).toBe(true);
    });

    it('should start the listing again when an offset expires midway', async () => {
      fake.setOffsetTtlMs(0);

      await expect(store.load()).rejects.toThrow('LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
      fake.setOffsetTtlMs(60_000);
      expect((await store.load()).offers).toHaveLength(250);
    });

    it('should show an offer deleted and a status set back by hand after the next load', async () => {
      const [first, second] = (await store.load()).offers;
      fake.remove('Offres', first.id);
      fake.edit('Offres', second.id, { Statut: 'À analyser' });

      const { offers } = await store.load();

      expect(offers).toHaveLength(249);
      expect(offers.find((offer) => offer.id === second.id)?.status).toBe('À analyser');
    });
  });

  describe('When writing', () => {
    beforeEach(async () => {
      ({ fake, store, calls } = await startBase({ requestsPerSecond: 1_000 }, { requestsPerSecond: 1_000 }));
      await store.addSources([source]);
      await store.load();
      fake.resetLog();
      for (const kind of Object.keys(calls)) delete calls[kind];
    });

    it('should upsert new offers 10 per request and never send a stored key again', async () => {
      const created = await store.saveOffers(Array.from({ length: 25 }, (_unused, index) => newOffer(index)));
      const again = await store.saveOffers([newOffer(3), newOffer(30)]);

      expect(created).toHaveLength(25);
      expect(again.map((offer) => offer.title)).toEqual(['Data engineer 30']);
      expect(fake.count('upsert')).toBe(3 + 1);
      expect(fake.count()).toBe(4);
      expect(fake.records('Offres')).toHaveLength(26);
      expect(calls).toEqual({ upsert: 4 });
    });

    it('should group status updates made at once by many callers into requests of 10', async () => {
      const created = await store.saveOffers(Array.from({ length: 30 }, (_unused, index) => newOffer(index)));
      fake.resetLog();

      await Promise.all(created.map((offer) => store.updateOffers([{ id: offer.id, patch: { status: 'Expiré', reason: 'Offre retirée' } }])));

      expect(fake.count('update')).toBe(3);
      expect(fake.count()).toBe(3);
      expect(fake.records('Offres').every((record) => record.fields.Statut === 'Expiré')).toBe(true);
    });

    /** Offers put in the base by an earlier run (or by hand), known to this store through its load only. */
    const storedEarlier = async (count: number, fields: (index: number) => Record<string, unknown> = () => ({})): Promise<string[]> => {
      const [sourceId] = fake.records('Sources').map((record) => record.id);
      const ids = fake.insert(
        'Offres',
        Array.from({ length: count }, (_unused, index) => ({
          'Id offre': `hellowork:${index}`,
          URL: `https://www.hellowork.com/fr-fr/emplois/${index}.html`,
          Statut: 'A compléter',
          Poste: `Data engineer ${index}`,
          'email expéditeur': [sourceId],
          ...fields(index),
        })),
      );
      await store.load();
      fake.resetLog();
      return ids;
    };

    it('should fill what it wrote itself without reading it back', async () => {
      const created = await store.saveOffers(Array.from({ length: 20 }, (_unused, index) => ({ ...newOffer(index), salary: '' })));
      fake.resetLog();

      await Promise.all(
        created.map((offer) =>
          store.updateOffers([{ id: offer.id, patch: { status: 'À analyser', text: 'Texte', fill: { salary: '45 k€', title: 'Autre' } } }]),
        ),
      );

      expect(fake.count()).toBe(2);
      expect(fake.count('update')).toBe(2);
      expect(fake.records('Offres').every((record) => record.fields.Salaire === '45 k€' && String(record.fields.Poste).startsWith('Data engineer'))).toBe(true);
    });

    it('should read stored values for fills of offers from an earlier run, one request per request of 10, keeping what was typed', async () => {
      const ids = await storedEarlier(20, (index) => (index === 0 ? { Salaire: 'saisi à la main' } : {}));

      await Promise.all(
        ids.map((id) => store.updateOffers([{ id, patch: { status: 'À analyser', text: 'Texte', fill: { salary: '45 k€', title: 'Autre' } } }])),
      );

      expect(fake.count('list')).toBe(2);
      expect(fake.count('update')).toBe(2);
      const salaries = fake.records('Offres').map((record) => record.fields.Salaire);
      expect(salaries.filter((salary) => salary === 'saisi à la main')).toHaveLength(1);
      expect(salaries.filter((salary) => salary === '45 k€')).toHaveLength(19);
      expect(fake.records('Offres').every((record) => String(record.fields.Poste).startsWith('Data engineer'))).toBe(true);
    });

    it('should fill from the values a read of texts just brought, without reading them again', async () => {
      const ids = await storedEarlier(10, (index) => (index === 0 ? { Salaire: 'saisi à la main' } : {}));

      await store.readOffers(ids);
      await Promise.all(ids.map((id) => store.updateOffers([{ id, patch: { status: 'À traiter', fill: { salary: '45 k€' } } }])));

      expect(fake.count('list')).toBe(1);
      expect(fake.count('update')).toBe(1);
      expect(fake.records('Offres').map((record) => record.fields.Salaire)).toEqual(['saisi à la main', ...Array(9).fill('45 k€')]);
    });

    it('should hand phase 3 the text phase 2 wrote without reading it back, and read the others by 100', async () => {
      const earlier = await storedEarlier(150);
      const created = await store.saveOffers([newOffer(1_000), newOffer(1_001)]);
      await Promise.all(created.map((offer) => store.updateOffers([{ id: offer.id, patch: { status: 'À analyser', text: `Texte ${offer.title}` } }])));
      fake.resetLog();

      const records = await store.readOffers([...created.map((offer) => offer.id), ...earlier]);

      expect(records).toHaveLength(152);
      expect(records.slice(0, 2)).toEqual([
        expect.objectContaining({ status: 'À analyser', text: 'Texte Data engineer 1000', source: sender, offerDate: '2026-11-02' }),
        expect.objectContaining({ status: 'À analyser', text: 'Texte Data engineer 1001', key: 'hellowork:1001' }),
      ]);
      expect(records.slice(2).map((record) => record.key)).toEqual(earlier.map((_id, index) => `hellowork:${index}`));
      expect(fake.count('list')).toBe(2);
      expect(fake.count()).toBe(2);
    });

    it('should fail only the callers of an offer deleted by hand and write the others', async () => {
      const created = await store.saveOffers([newOffer(1), newOffer(2)]);
      fake.remove('Offres', created[0].id);

      const results = await Promise.allSettled(created.map((offer) => store.updateOffers([{ id: offer.id, patch: { status: 'Ignoré' } }])));

      expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringContaining(created[0].id) }) });
      expect(results[1].status).toBe('fulfilled');
      expect(fake.records('Offres')[0].fields.Statut).toBe('Ignoré');
    });

    it('should never create a status choice (typecast stays off)', async () => {
      const [offer] = await store.saveOffers([newOffer(1)]);

      await expect(store.updateOffers([{ id: offer.id, patch: { status: 'Inconnu' as 'Traité' } }])).rejects.toThrow('INVALID_MULTIPLE_CHOICE_OPTIONS');
    });
  });

  describe('When Airtable limits or fails', () => {
    it('should keep to 5 requests per second across every caller', async () => {
      ({ fake, store, calls } = await startBase({ penaltyMs: 60_000 }));
      await store.addSources([source]);

      const started = Date.now();
      await Promise.all([store.saveOffers(Array.from({ length: 60 }, (_unused, index) => newOffer(index))), store.load(), store.load()]);

      expect(fake.log.filter((entry) => entry.status === 429)).toEqual([]);
      expect(fake.count()).toBeGreaterThanOrEqual(10);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    });

    it('should wait the penalty after a 429 storm, then finish with nothing lost and nothing duplicated', async () => {
      ({ fake, store, calls } = await startBase({ penaltyMs: 300 }, { rateLimitPenaltyMs: 300 }));
      await store.addSources([source]);
      const intruder = createAirtableClient(
        { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url },
        { requestsPerSecond: 100, retryDeadlineMs: 0 },
      );
      // Another client of the same base spends its budget: Airtable answers everyone 429 for the penalty.
      await Promise.allSettled(Array.from({ length: 8 }, () => intruder.send('list', { method: 'GET', path: '/Sources' })));

      const created = await store.saveOffers(Array.from({ length: 40 }, (_unused, index) => newOffer(index)));
      await Promise.all(created.map((offer) => store.updateOffers([{ id: offer.id, patch: { status: 'Ignoré', reason: 'Hors cible' } }])));

      expect(fake.log.some((entry) => entry.status === 429)).toBe(true);
      const records = fake.records('Offres');
      expect(records).toHaveLength(40);
      expect(new Set(records.map((record) => record.fields['Id offre'])).size).toBe(40);
      expect(records.every((record) => record.fields.Statut === 'Ignoré')).toBe(true);
    });

    it('should retry 5xx and network errors, and report as created what a lost answer had created', async () => {
      ({ fake, store, calls } = await startBase());
      await store.addSources([source]);
      fake.inject({ status: 503 }, { status: 'network' }, { status: 502, afterWrite: true });

      const created = await store.saveOffers(Array.from({ length: 10 }, (_unused, index) => newOffer(index)));

      expect(created).toHaveLength(10);
      expect(fake.records('Offres')).toHaveLength(10);
      expect(fake.count('upsert')).toBe(1 + 4);
      expect(calls.upsert).toBe(1 + 4);
    });

    it('should stop with a clear message past the deadline, keeping what was stored', async () => {
      ({ fake, store, calls } = await startBase({}, { retryDeadlineMs: 1_500 }));
      await store.addSources([source]);
      const [kept] = await store.saveOffers([newOffer(1)]);
      fake.inject(...Array.from({ length: 50 }, () => ({ status: 503 as const })));

      await expect(store.updateOffers([{ id: kept.id, patch: { status: 'Ignoré' } }])).rejects.toThrow('Airtable ne répond plus');

      fake.clearFaults();
      expect(fake.records('Offres')).toHaveLength(1);
      expect(fake.records('Offres')[0].fields.Statut).toBe('A compléter');
    });
  });
});
