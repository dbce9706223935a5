import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StateView } from '@veille/domain';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { openSse } from '../../test/sseClient';
import { trackTimers } from '../../test/timers';
import type { Criteria } from '../criteria/criteria';
import type { Veille } from './startVeille';

const FINAL = new Set(['À traiter', 'Expiré', 'Ignoré']);

const post = (app: Veille, route: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const stateOf = async (app: Veille): Promise<StateView> => (await fetch(`${app.url}/api/state`)).json() as Promise<StateView>;

describe('Veille on embedded defaults', () => {
  let app: Veille;
  let cleanup: () => void;
  let dataDir: string;
  const appTimers = trackTimers();

  beforeEach(async () => {
    ({ dir: dataDir, cleanup } = freshDataDir());
    app = await appTimers.run(() => startTestApp(dataDir));
  });

  afterAll(() => appTimers.stop());

  afterEach(async () => {
    await app.close();
    cleanup();
  });

  describe('Given a first start', () => {
    it('should show the seeded demo emails as "A importer", per source', async () => {
      const view = await stateOf(app);

      expect(view.table.totals.toImport).toBeGreaterThanOrEqual(10);
      expect(view.table.rows.map((row) => row.board)).toEqual(
        expect.arrayContaining(['LinkedIn', 'HelloWork', 'Welcome to the Jungle', 'Indeed', 'Cadremploi', 'Jobs That Make Sense']),
      );
      expect(view.run.active).toBe(false);
    });
  });

  describe('Given the embedded SQLite store', () => {
    it('should name the file and have nothing to prepare', async () => {
      const storage = (await (await fetch(`${app.url}/api/storage`)).json()) as { label: string; preparable: boolean };
      const setup = await fetch(`${app.url}/api/storage/setup`, { method: 'POST' });

      expect(storage).toEqual({ label: expect.stringContaining('veille.sqlite'), preparable: false });
      expect(setup.status).toBe(404);
      expect(await setup.json()).toEqual({ error: expect.stringContaining('rien à préparer') });
    });
  });

  describe('When "Lancer les traitements" is clicked', () => {
    it('should take every demo offer to a final status, empty the mailbox of what it can import, and stop by itself', async () => {
      const load = jest.spyOn(app.deps.store, 'load');
      const startedBefore = appTimers.started();

      const response = await post(app, '/api/runs');
      expect(response.status).toBe(202);
      const state = await runEnded(app.deps.bus);
      await app.scheduler.idle();

      const offers = [...state.offers.values()];
      expect(offers.length).toBeGreaterThanOrEqual(35);
      expect(offers.filter((offer) => !FINAL.has(offer.status))).toEqual([]);
      expect(offers.some((offer) => offer.status === 'Expiré')).toBe(true);
      expect(offers.filter((offer) => offer.status === 'À traiter').length).toBeGreaterThan(25);
      const left = (await stateOf(app)).table.rows.filter((row) => row.toImport > 0);
      expect(left.every((row) => !row.available.import)).toBe(true);
      expect(state.run.outcome).toBe('done');
      expect(load).not.toHaveBeenCalled();
      expect(appTimers.started()).toBeGreaterThan(startedBefore);
      expect(await appTimers.pending()).toBe(0);
    });

    it('should say there is nothing to do when nothing waits', async () => {
      await post(app, '/api/runs');
      await runEnded(app.deps.bus);

      const again = await post(app, '/api/runs');

      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ started: false, message: expect.stringContaining('Rien à traiter') });
    });

    it('should refuse a second run while one is active, and stop gracefully on request', async () => {
      await post(app, '/api/runs');

      expect((await post(app, '/api/runs')).status).toBe(409);
      expect((await post(app, '/api/runs/stop')).status).toBe(202);

      const state = await runEnded(app.deps.bus);
      expect(state.run.outcome).toBe('stopped');
    });
  });

  describe('When the same email comes back after its import', () => {
    it('should not duplicate any offer', async () => {
      await post(app, '/api/runs');
      const first = await runEnded(app.deps.bus);
      const archive = path.join(dataDir, 'mailbox', 'archive');
      const archived = readdirSync(archive);
      for (const name of archived) copyFileSync(path.join(archive, name), path.join(dataDir, 'mailbox', `again-${name}`));

      await post(app, '/api/runs');
      await until(app.deps.bus, (state) => state.run.active);
      const second = await runEnded(app.deps.bus);

      expect(second.offers.size).toBe(first.offers.size);
      expect(readdirSync(archive).length).toBe(archived.length * 2);
    });
  });

  describe('When the server restarts in the middle of a run', () => {
    it('should resume from the table and the mailbox without duplicates', async () => {
      await post(app, '/api/runs');
      await until(app.deps.bus, (state) => state.run.phases.enrich.done >= 3);
      await app.close();

      app = await startTestApp(dataDir);
      const resumed = app.deps.bus.current();
      expect(resumed.offers.size).toBeGreaterThan(0);
      await post(app, '/api/runs');
      const state = await runEnded(app.deps.bus);

      const keys = (await app.deps.store.readOffers([...state.offers.keys()])).map((offer) => offer.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect([...state.offers.values()].filter((offer) => !FINAL.has(offer.status))).toEqual([]);
    });
  });

  describe('When a source has enrichissement turned off', () => {
    it("should store the flag and leave that source's offers in A compléter", async () => {
      const sender = 'notification@emails.hellowork.com';

      const response = await post(app, `/api/sources/${encodeURIComponent(sender)}/activation`, { phase: 'enrich', enabled: false });
      expect(response.status).toBe(200);
      await post(app, '/api/runs');
      await runEnded(app.deps.bus);

      const row = (await stateOf(app)).table.rows.find((candidate) => candidate.source === sender)!;
      expect(row.activation.enrich).toBe(false);
      expect(row.counts['A compléter']).toBeGreaterThan(0);
      expect(row.counts['À traiter']).toBe(0);
      const reloaded = await app.deps.store.load();
      expect(reloaded.sources.find((source) => source.sender === sender)?.activation.enrich).toBe(false);
    });

    it('should reject a malformed activation body with a clear message', async () => {
      const response = await post(app, '/api/sources/x%40y.fr/activation', { phase: 'everything' });

      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain('phase');
    });
  });

  describe('When the user opens a count', () => {
    it('should list the offers behind it from the projection, with why they were set aside', async () => {
      await post(app, '/api/runs');
      await runEnded(app.deps.bus);
      const load = jest.spyOn(app.deps.store, 'load');

      const response = await fetch(
        `${app.url}/api/offers?source=${encodeURIComponent('alerts@welcometothejungle.com')}&status=${encodeURIComponent('Expiré')}`,
      );
      const bad = await fetch(`${app.url}/api/offers?status=Envolé`);

      expect(await response.json()).toEqual({
        total: 1,
        items: [expect.objectContaining({ status: 'Expiré', reason: 'Page introuvable (410)', company: 'CleanAir', board: 'Welcome to the Jungle' })],
      });
      expect(bad.status).toBe(400);
      expect(load).not.toHaveBeenCalled();
    });
  });

  describe('When the user edits the criteria', () => {
    it('should refuse invalid criteria with every field to fix, and analyse with saved ones from then on', async () => {
      const criteria = await (await fetch(`${app.url}/api/criteria`)).json();
      const put = (body: unknown) =>
        fetch(`${app.url}/api/criteria`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

      const invalid = await put({ ...criteria, salaryFloor: 'beaucoup', dealBreakers: 'aucun' });
      const valid = await put({ ...criteria, dealBreakers: [{ title: 'Python', description: 'Plus jamais de Python.', keywords: ['python'] }] });
      await post(app, '/api/runs');
      const state = await runEnded(app.deps.bus);

      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as { error: string }).error).toMatch(/salaryFloor[\s\S]*dealBreakers/);
      expect(valid.status).toBe(200);
      const saved = JSON.parse(readFileSync(path.join(dataDir, 'criteres.json'), 'utf8')) as Criteria;
      expect(saved.dealBreakers[0].title).toBe('Python');
      const analysed = [...state.offers.values()].filter((offer) => offer.status === 'À traiter').map((offer) => offer.id);
      const records = await app.deps.store.readOffers(analysed);
      expect(records.some((record) => record.analysis?.total === 0 && record.analysis.dealBreakers[0].hit)).toBe(true);
    });
  });

  describe('When "Mise à jour" is clicked', () => {
    it('should re-audit the mailbox and read only what changed in the store since the first load, with one store query', async () => {
      const load = jest.spyOn(app.deps.store, 'load');
      const changes = jest.spyOn(app.deps.store as Required<typeof app.deps.store>, 'changes');

      const response = await post(app, '/api/refresh');

      expect(response.status).toBe(200);
      expect(changes).toHaveBeenCalledTimes(1);
      expect(load).not.toHaveBeenCalled();
    });
  });

  describe('When another site posts to the API', () => {
    it('should refuse it', async () => {
      const response = await post(app, '/api/runs', undefined, { Origin: 'https://evil.example' });

      expect(response.status).toBe(403);
      expect(app.deps.bus.current().run.active).toBe(false);
    });
  });

  describe('The event stream', () => {
    it('should send a snapshot, then every event of a run with the version as id', async () => {
      const stream = openSse(`${app.url}/api/events`);
      await stream.waitFor((messages) => messages.length >= 1);

      await post(app, '/api/runs');
      await stream.waitFor((messages) => messages.some((message) => message.event === 'RunEnded'));
      stream.close();

      expect(stream.headers()['content-type']).toContain('text/event-stream');
      expect(stream.headers()['content-encoding']).toBeUndefined();
      const [snapshot, ...events] = stream.messages;
      expect(snapshot.event).toBe('snapshot');
      expect((snapshot.data as StateView).table.rows.length).toBeGreaterThan(0);
      const ids = events.map((message) => Number(message.id));
      expect(ids).toEqual(ids.map((_id, index) => Number(snapshot.id) + index + 1));
      expect(events.map((message) => message.event)).toEqual(
        expect.arrayContaining(['RunStarted', 'OfferCreated', 'EmailArchived', 'OfferStatusChanged', 'PhaseProgressed', 'RunEnded']),
      );
    });

    it('should replay what a client missed after Last-Event-ID, or send a fresh snapshot when it cannot', async () => {
      await post(app, '/api/runs');
      await runEnded(app.deps.bus);
      const last = app.deps.bus.current().version;

      const replay = openSse(`${app.url}/api/events`, { 'Last-Event-ID': String(last - 5) });
      await replay.waitFor((messages) => messages.length >= 5);
      const fresh = openSse(`${app.url}/api/events`, { 'Last-Event-ID': String(last + 1_000) });
      await fresh.waitFor((messages) => messages.length >= 1);
      replay.close();
      fresh.close();

      expect(replay.messages.map((message) => Number(message.id))).toEqual([last - 4, last - 3, last - 2, last - 1, last]);
      expect(fresh.messages[0].event).toBe('snapshot');
    });
  });
});
