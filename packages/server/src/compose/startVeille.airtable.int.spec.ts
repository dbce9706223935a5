import type { Projection } from '@veille/domain';
import { startFakeAirtable, type FakeAirtable, type FakeAirtableOptions } from '../../test/fakeAirtable';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { setupAirtable } from '../adapters/airtable/setup';
import type { Veille, VeilleOptions } from './startVeille';

const FINAL = new Set(['À traiter', 'Expiré', 'Ignoré']);
const OFFERS = 40;

const startRun = async (app: Veille): Promise<Projection> => {
  await fetch(`${app.url}/api/runs`, { method: 'POST' });
  await until(app.deps.bus, (state) => state.run.active);
  return runEnded(app.deps.bus);
};

/** What the base holds, offer by offer, against what the projection says. */
const storedStatuses = (fake: FakeAirtable) => new Map(fake.records('Offres').map((record) => [record.id, record.fields.Statut]));
const projectedStatuses = (state: Projection) => new Map([...state.offers.values()].map((offer) => [offer.id, offer.status]));

describe('Veille on an Airtable base (local fake of the documented API, official package)', () => {
  let fake: FakeAirtable;
  let app: Veille;
  let cleanup: () => void;

  const start = async (options: VeilleOptions = {}, prepared = true, fakeOptions: FakeAirtableOptions = {}) => {
    fake = await startFakeAirtable(fakeOptions);
    const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
    if (prepared) {
      expect((await setupAirtable(config)).problems).toEqual([]);
      // The setup used its own client: let its second of the base's 5 requests/s pass before the app's.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
    fake.resetLog();
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir, { AIRTABLE_API_KEY: fake.apiKey, AIRTABLE_BASE_ID: fake.baseId, AIRTABLE_ENDPOINT_URL: fake.url }, options);
  };

  afterEach(async () => {
    await app?.close();
    await fake?.close();
    cleanup?.();
  });

  it('should run the demo end to end on Airtable within the bound of its work: one load, full batches, no read-back, never the key in a view', async () => {
    // The count depends on when batches leave, not on how fast this machine is: only a full batch or
    // a phase running dry sends one here, never the 10 s hold running out on a loaded machine.
    await start({ airtableTimings: { flushDelayMs: 60_000 } });
    const sources = fake.records('Sources').length;
    const load = jest.spyOn(app.deps.store, 'load');

    const state = await startRun(app);

    const offers = [...state.offers.values()];
    expect(offers.length).toBe(OFFERS);
    expect(offers.filter((offer) => !FINAL.has(offer.status))).toEqual([]);
    // No table query decides anything during the run, and nothing this run wrote is read back: the
    // load's two lists, and the Sources the start-up audit added, seen as changed when the run starts.
    expect(load).not.toHaveBeenCalled();
    expect(fake.count('list')).toBe(3);
    // Emails share requests of 10 new offers; each phase's status writes, requests of 10.
    expect(fake.count('upsert')).toBeLessThanOrEqual(Math.ceil(sources / 10) + Math.ceil(OFFERS / 10) + 1);
    expect(fake.count('update')).toBeLessThanOrEqual(2 * Math.ceil(OFFERS / 10) + 2);
    expect(fake.count('create')).toBe(0);
    // Issue 14's bound for a whole run from start-up: ⌈S/100⌉ + ⌈T/100⌉ + ⌈new sources/10⌉ + 3·⌈M/10⌉ + 6.
    expect(fake.count()).toBeLessThanOrEqual(1 + 1 + Math.ceil(sources / 10) + 3 * Math.ceil(OFFERS / 10) + 6);
    // The page's usage counts every one of them.
    expect(state.usage.today.Airtable.calls).toBe(fake.count());
    expect(projectedStatuses(state)).toEqual(storedStatuses(fake));
    const view = await (await fetch(`${app.url}/api/state`)).text();
    expect(view).not.toContain(fake.apiKey);
  }, 120_000);

  it('should read the offers an earlier run left by pages of 100, and what this run wrote never', async () => {
    const RESUMED = 120;
    await start({ airtableTimings: { flushDelayMs: 60_000 } });
    const [source] = fake.records('Sources');
    const left = (status: string, index: number) => ({
      'Id offre': `earlier:${status}:${index}`,
      URL: `${app.url}/demo/offres/retiree-${index}`,
      Statut: status,
      Poste: `Offre laissée ${index}`,
      Entreprise: 'Acme',
      "Texte de l'offre": status === 'À analyser' ? `Nous recrutons une personne data à Lyon, offre ${index}.` : undefined,
      'email expéditeur': [source.id],
    });
    fake.insert('Offres', [
      ...Array.from({ length: RESUMED }, (_unused, index) => left('A compléter', index)),
      ...Array.from({ length: RESUMED }, (_unused, index) => left('À analyser', index)),
    ]);
    await fetch(`${app.url}/api/refresh`, { method: 'POST' });
    fake.resetLog();

    const state = await startRun(app);

    expect([...state.offers.values()].filter((offer) => !FINAL.has(offer.status))).toEqual([]);
    expect(projectedStatuses(state)).toEqual(storedStatuses(fake));
    // Phase 2 and phase 3 each read the 120 offers left to them in two pages (a third when a page
    // mixes them with offers this run imported, which are never read).
    expect(fake.count('list')).toBeLessThanOrEqual(2 * (Math.ceil(RESUMED / 100) + 1));
  }, 120_000);

  it('should show changes made by hand in Airtable after "Mise à jour", and the next run should act on them', async () => {
    await start();
    const first = await startRun(app);
    const analysed = [...first.offers.values()].filter((offer) => offer.status === 'À traiter');
    const [toEnrich, toAnalyse, deleted] = analysed;
    fake.edit('Offres', toEnrich.id, { Statut: 'A compléter' });
    fake.edit('Offres', toAnalyse.id, { Statut: 'À analyser' });
    fake.remove('Offres', deleted.id);
    // Airtable's own view of its changes reaches the table only through the one query.
    expect(app.deps.bus.current().offers.get(toEnrich.id)?.status).toBe('À traiter');

    const refreshed = await fetch(`${app.url}/api/refresh`, { method: 'POST' });
    expect(refreshed.status).toBe(200);
    const reloaded = app.deps.bus.current();
    expect(reloaded.offers.size).toBe(OFFERS - 1);
    expect(reloaded.offers.get(toEnrich.id)?.status).toBe('A compléter');
    expect(reloaded.offers.get(toAnalyse.id)?.status).toBe('À analyser');

    fake.resetLog();
    const phases: string[] = [];
    const subscription = app.deps.bus.changes$.subscribe(({ event }) => event.type === 'PhaseStarted' && phases.push(event.data.phase));
    const second = await startRun(app);
    subscription.unsubscribe();

    expect(phases).toEqual(expect.arrayContaining(['enrich', 'analyse']));
    expect(second.offers.get(toEnrich.id)?.status).toBe('À traiter');
    expect(second.offers.get(toAnalyse.id)?.status).toBe('À traiter');
    expect(second.offers.has(deleted.id)).toBe(false);
    expect(projectedStatuses(second)).toEqual(storedStatuses(fake));
    // Two offers: their statuses share requests; a handful of reads for text and fills.
    expect(fake.count('update')).toBeLessThanOrEqual(3);
    expect(fake.count('upsert') + fake.count('create')).toBe(0);
  }, 120_000);

  it('should read only what changed on "Mise à jour", and say in the storage panel when the token cannot manage webhooks', async () => {
    await start();
    const offer = fake.insert('Offres', [{ 'Id offre': 'hand:1', URL: 'https://example.org/1', Statut: 'À traiter' }]);
    fake.resetLog();
    const refreshed = await fetch(`${app.url}/api/refresh`, { method: 'POST' });
    const storage = (await (await fetch(`${app.url}/api/storage`)).json()) as { refreshNote?: string };
    expect(refreshed.status).toBe(200);
    // The sources the startup audit added after the load, and the offer: each read by what changed, in one list.
    expect(fake.count('list')).toBe(2);
    // The payloads, which also keep the webhook alive: no refresh of its own.
    expect(fake.count('webhook')).toBe(1);
    expect(app.deps.bus.current().offers.has(offer[0])).toBe(true);
    expect(storage.refreshNote).toBeUndefined();
    await app.close();
    await fake.close();
    cleanup();

    await start({}, true, { withoutWebhookScope: true });
    const refused = (await (await fetch(`${app.url}/api/storage`)).json()) as { refreshNote?: string };

    expect(refused.refreshNote).toMatch(/webhook:manage/);
  });

  it('should ride out 429 storms and 5xx bursts during a run, ending with nothing lost and nothing duplicated', async () => {
    await start({ airtableTimings: { rateLimitPenaltyMs: 1_000, retryDeadlineMs: 60_000 } });
    fake.setPenaltyMs(1_000);
    fake.resetLog();
    // Another integration on the same base spends its 5 requests/s: Airtable answers 429 for a second.
    const storm = () =>
      Promise.allSettled(
        Array.from({ length: 8 }, () => fetch(`${fake.url}/v0/${fake.baseId}/Sources`, { headers: { authorization: `Bearer ${fake.apiKey}` } })),
      );
    let bursts = 0;
    const storms = app.deps.bus.changes$.subscribe(({ event }) => {
      if (event.type === 'PhaseStarted') void storm();
      // Bursts while offers are created and their statuses written, a lost answer to a write among them.
      const burst = (event.type === 'OfferCreated' || (event.type === 'OfferStatusChanged' && event.data.to === 'À analyser')) && bursts++ % 10 === 0;
      if (burst) fake.inject({ status: 503 }, { status: 'network', afterWrite: true }, { status: 502 });
    });

    const state = await startRun(app);
    storms.unsubscribe();

    expect(fake.log.filter((entry) => entry.status === 429).length).toBeGreaterThan(0);
    expect(fake.log.filter((entry) => entry.status >= 500).length).toBeGreaterThan(0);
    const keys = fake.records('Offres').map((record) => record.fields['Id offre']);
    expect(keys).toHaveLength(OFFERS);
    expect(new Set(keys).size).toBe(OFFERS);
    expect([...state.offers.values()].filter((offer) => !FINAL.has(offer.status))).toEqual([]);
    expect(projectedStatuses(state)).toEqual(storedStatuses(fake));
    expect(Object.values(state.failed).map((failed) => failed.size)).toEqual([0, 0, 0]);
  }, 180_000);

  describe('When the base is prepared from the page ("Préparer / vérifier la base")', () => {
    const prepare = async () => {
      const response = await fetch(`${app.url}/api/storage/setup`, { method: 'POST' });
      return { status: response.status, ...((await response.json()) as { created: string[]; problems: string[]; message: string }) };
    };
    const storage = async () => (await (await fetch(`${app.url}/api/storage`)).json()) as { label: string; preparable: boolean; loadError?: string };

    it('should start on an empty base, say why the table is empty, then create the tables and load it', async () => {
      await start({}, false);
      const before = await storage();
      expect(before).toMatchObject({ preparable: true, label: expect.stringContaining(fake.baseId) });
      expect(before.loadError).toEqual(expect.any(String));
      expect(app.deps.bus.current().sources.size).toBe(0);

      const prepared = await prepare();

      expect(prepared).toMatchObject({ status: 200, problems: [], message: expect.stringContaining('Base prête') });
      expect(prepared.created.length).toBeGreaterThan(0);
      expect((await storage()).loadError).toBeUndefined();
      // The one query ran again and the mailbox audit named the demo's senders.
      expect(app.deps.bus.current().sources.size).toBeGreaterThan(5);
      expect(fake.records('Sources').length).toBe(app.deps.bus.current().sources.size);
    }, 60_000);

    it('should name what to fix in a base changed by hand, and change nothing', async () => {
      await start();
      const offers = fake.schema()[1];
      const status = offers.fields.find((field) => field.name === 'Statut');
      for (const choice of (status?.options?.choices ?? []) as { name: string }[]) if (choice.name === 'À analyser') choice.name = 'A analyser';

      const prepared = await prepare();

      expect(prepared).toMatchObject({ status: 200, created: [], message: expect.stringContaining('1 point à corriger') });
      expect(prepared.problems).toEqual([expect.stringContaining('renommez-le exactement « À analyser »')]);
    }, 60_000);
  });
});
