import { startFakeAirtable, type FakeAirtable } from '../../../test/fakeAirtable';
import { HELLOWORK, helloWorkOffer } from '../../../test/newOffers';
import { availabilityOf } from '../../core/sources';
import { createAirtableStore } from '.';
import { createAirtableClient } from './client';
import { OFFER_FIELDS, offersSpec, sourcesSpec, tableSchema } from './schema';
import { setupAirtable } from './setup';

const source = HELLOWORK;
const offer = (id: number) => helloWorkOffer(id);
const LATER = new Set<string>([OFFER_FIELDS.canonical, OFFER_FIELDS.duplicateOf]);

describe('An Airtable base prepared before duplicates were known (no « URL canonique », no « Doublon de »)', () => {
  let fake: FakeAirtable;

  beforeEach(async () => {
    fake = await startFakeAirtable({ requestsPerSecond: 1_000 });
    const client = createAirtableClient({ apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url }, { requestsPerSecond: 1_000 });
    const { body } = await client.send('meta', { method: 'POST', path: '/tables', body: sourcesSpec() }, 'meta');
    const sources = tableSchema.parse(body);
    const older = offersSpec(sources.id);
    await client.send('meta', { method: 'POST', path: '/tables', body: { ...older, fields: older.fields.filter((field) => !LATER.has(field.name)) } }, 'meta');
  });

  afterEach(async () => {
    await fake.close();
  });

  it('should load, read and write as before without them, then keep them once « Préparer / vérifier la base » adds them', async () => {
    const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
    const store = createAirtableStore(config, { availability: availabilityOf, requestsPerSecond: 1_000, flushDelayMs: 5 });
    await store.addSources([source]);
    const [kept, duplicate] = await store.saveOffers([offer(1), offer(2)]);

    await store.updateOffers([
      { id: kept.id, patch: { status: 'À analyser', text: 'Texte', reason: '', canonical: 'acme.fr/jobs/42' } },
      { id: duplicate.id, patch: { status: 'Ignoré', text: 'Texte', reason: 'Doublon de Data engineer 1 — Acme (HelloWork)', duplicateOf: kept.id } },
    ]);
    store.flush();

    expect((await store.load()).offers.map(({ status, canonical, duplicateOf }) => ({ status, canonical, duplicateOf }))).toEqual([
      { status: 'À analyser', canonical: undefined, duplicateOf: undefined },
      { status: 'Ignoré', canonical: undefined, duplicateOf: undefined },
    ]);
    expect((await store.readOffers([duplicate.id]))[0]).toMatchObject({ status: 'Ignoré', text: 'Texte' });

    const setup = await setupAirtable(config);
    expect(setup.created).toEqual(['Champ « URL canonique » ajouté à la table Offres.', 'Champ « Doublon de » ajouté à la table Offres.']);
    await store.load();
    await store.updateOffers([{ id: duplicate.id, patch: { status: 'Ignoré', duplicateOf: kept.id, canonical: 'acme.fr/jobs/42' } }]);
    store.flush();

    expect((await store.load()).offers.find((stored) => stored.id === duplicate.id)).toMatchObject({ duplicateOf: kept.id, canonical: 'acme.fr/jobs/42' });
    await store.close();
  });
});
