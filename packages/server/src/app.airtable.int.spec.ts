import { setupAirtable } from './adapters/airtable/setup';
import type { App } from './app';
import { startFakeAirtable } from './testing/fakeAirtable';
import { freshDataDir, runEnded, startTestApp, until } from './testing/harness';

const FINAL = new Set(['À traiter', 'Expiré', 'Ignoré']);

describe('Veille on an Airtable base (local fake of the documented API, official package)', () => {
  let fake: Awaited<ReturnType<typeof startFakeAirtable>>;
  let app: App;
  let cleanup: () => void;

  beforeEach(async () => {
    fake = await startFakeAirtable();
    const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
    expect((await setupAirtable(config)).problems).toEqual([]);
    // The setup used its own client: let its second of the base's 5 requests/s pass before the app's.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir, { AIRTABLE_API_KEY: fake.apiKey, AIRTABLE_BASE_ID: fake.baseId, AIRTABLE_ENDPOINT_URL: fake.url });
  }, 60_000);

  afterEach(async () => {
    await app?.close();
    await fake.close();
    cleanup();
  });

  it('should run the demo end to end on Airtable, loading once and writing in batches, never the key in a view', async () => {
    fake.resetLog();
    const load = jest.spyOn(app.deps.store, 'load');

    await fetch(`${app.url}/api/runs`, { method: 'POST' });
    await until(app.deps.bus, (state) => state.run.active);
    const state = await runEnded(app.deps.bus);

    const offers = [...state.offers.values()];
    expect(offers.length).toBe(40);
    expect(offers.filter((offer) => !FINAL.has(offer.status))).toEqual([]);
    // No table query decides anything during the run; lists are content and fill reads, in batches.
    expect(load).not.toHaveBeenCalled();
    expect(fake.count('list')).toBeLessThan(offers.length);
    // Three writes per offer (create, two statuses) go in shared batches: fewer requests than offers' writes.
    expect(fake.count('upsert') + fake.count('update')).toBeLessThan(offers.length * 2);
    expect(state.usage.run.Airtable.calls).toBe(fake.count());
    const view = await (await fetch(`${app.url}/api/state`)).text();
    expect(view).not.toContain(fake.apiKey);
  }, 120_000);
});
