import { mkdirSync } from 'node:fs';
import { STATUS, STATUSES } from '@veille/domain';
import { startFakeAirtable, type FakeAirtable } from '../../test/fakeAirtable';
import { freshDataDir, startTestApp } from '../../test/harness';
import { listOffers, setStatus, stateOf } from '../../test/offersApi';
import { setupAirtable } from '../adapters/airtable/setup';
import type { Veille } from '../compose/startVeille';

const SENDERS = ['alertes@hellowork.example', 'jobs@linkedin.example'];
const OFFERS = 40;
/** Offers 0 to 29 have a text (they may go back to analysis); none has been analysed yet. */
const WITH_TEXT = 30;
/** Airtable's penalty after a 429, shortened for the fake and the app alike: a restarted Veille shares the closed one's second. */
const PENALTY_MS = 1_000;

/** A base that already holds sources and offers, put in place without requests. */
async function seedBase(fake: FakeAirtable): Promise<string[]> {
  const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
  expect((await setupAirtable(config)).problems).toEqual([]);
  const sources = fake.insert(
    'Sources',
    SENDERS.map((sender) => ({
      emailExpéditeur: sender,
      plugin: 'HelloWork',
      'Activer la création': true,
      "Activer l'enrichissement": true,
      "Activer l'analyse par IA": true,
    })),
  );
  const ids = fake.insert(
    'Offres',
    Array.from({ length: OFFERS }, (_unused, index) => ({
      'Id offre': `seed:${index}`,
      URL: `https://jobs.example.org/offres/${index}`,
      Poste: `Data engineer ${index}`,
      Entreprise: 'Acme',
      Statut: STATUS.toProcess,
      ...(index < WITH_TEXT ? { "Texte de l'offre": `Le texte de l'offre ${index}.` } : {}),
      'email expéditeur': [sources[index % sources.length]],
    })),
  );
  // The setup used its own client: let its second pass, so that the first test counts only the app's requests.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  return ids;
}

/** What the base holds: each offer's status, and the offers per status. */
const storedStatus = (fake: FakeAirtable) => new Map(fake.records('Offres').map((record) => [record.id, String(record.fields.Statut)]));
const storedCounts = (fake: FakeAirtable): Record<string, number> => {
  const counts: Record<string, number> = Object.fromEntries(STATUSES.map((status) => [status, 0]));
  for (const status of storedStatus(fake).values()) counts[status] += 1;
  return counts;
};

describe('The offers API on an Airtable base (local fake of the documented API, official package)', () => {
  let fake: FakeAirtable;
  let app: Veille | undefined;
  let dataDir: string;
  let cleanup: () => void;
  let ids: string[];

  // An existing data dir: no demo mailbox, so nothing but the person's actions writes to the base.
  const start = () =>
    startTestApp(
      dataDir,
      { AIRTABLE_API_KEY: fake.apiKey, AIRTABLE_BASE_ID: fake.baseId, AIRTABLE_ENDPOINT_URL: fake.url },
      { airtableTimings: { rateLimitPenaltyMs: PENALTY_MS } },
    );

  beforeAll(async () => {
    fake = await startFakeAirtable({ penaltyMs: PENALTY_MS });
    ids = await seedBase(fake);
    ({ dir: dataDir, cleanup } = freshDataDir());
    mkdirSync(dataDir, { recursive: true });
    app = await start();
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
    cleanup();
  });

  it('should write a change of 23 offers in ⌈23/10⌉ = 3 update requests, at once', async () => {
    const chosen = ids.slice(0, 23);
    fake.resetLog();

    const { status, body } = await setStatus(app!, chosen, STATUS.applied);

    expect({ status, body }).toEqual({ status: 200, body: { changed: 23, version: expect.any(Number) } });
    expect(fake.count('update')).toBe(3);
    expect(fake.count()).toBe(3);
    const stored = storedStatus(fake);
    expect(chosen.map((id) => stored.get(id))).toEqual(chosen.map(() => STATUS.applied));
    expect(app!.deps.bus.current().offers.get(chosen[22])?.status).toBe(STATUS.applied);
  });

  it('should send 7 offers with a text back to analysis in one update request', async () => {
    const chosen = ids.slice(23, WITH_TEXT);
    fake.resetLog();

    const { status } = await setStatus(app!, chosen, STATUS.toAnalyse);

    expect(status).toBe(200);
    expect(fake.count('update')).toBe(1);
    expect(chosen.map((id) => storedStatus(fake).get(id))).toEqual(chosen.map(() => STATUS.toAnalyse));
  });

  describe('When the domain or the request refuses', () => {
    const unchanged = async (act: () => Promise<{ status: number; body: Record<string, unknown> }>) => {
      const [stored, projected, version] = [storedStatus(fake), new Map(app!.deps.bus.current().offers), app!.deps.bus.current().version];
      fake.resetLog();
      const answer = await act();
      expect(fake.count('update')).toBe(0);
      expect(storedStatus(fake)).toEqual(stored);
      expect(new Map([...app!.deps.bus.current().offers].map(([id, offer]) => [id, offer.status]))).toEqual(
        new Map([...projected].map(([id, offer]) => [id, offer.status])),
      );
      expect(app!.deps.bus.current().version).toBe(version);
      return answer;
    };

    it('should answer 409 for offers without a text sent to analysis, with no update request', async () => {
      const answer = await unchanged(() => setStatus(app!, [ids[0], ids[35]], STATUS.toAnalyse));

      expect(answer).toEqual({ status: 409, body: { error: expect.stringContaining("n'a pas encore de texte") } });
    });

    it('should answer 404 for an unknown id among known ones, with no update request', async () => {
      const answer = await unchanged(() => setStatus(app!, [ids[36], 'recInconnue0000'], STATUS.rejected));

      expect(answer).toEqual({ status: 404, body: { error: 'Offre inconnue : recInconnue0000.' } });
    });
  });

  it('should link each offer to its record in Airtable', async () => {
    const { body } = await listOffers(app!, [['limit', '1']]);

    expect(body.items[0].airtableUrl).toMatch(new RegExp(`^https://airtable\\.com/${fake.baseId}/tbl\\w+/${body.items[0].id}$`));
  });

  it('should find in the base, after Veille restarts on it, every status set from the API, and count what the base holds', async () => {
    const before = await stateOf(app!);
    await app!.close();
    app = undefined;
    fake.edit('Offres', ids[39], { Statut: STATUS.processed });

    // Within a second of the closed Veille's requests: a 429 here is waited out, then the load goes on.
    app = await start();
    const after = await stateOf(app);
    const { body: applied } = await listOffers(app, [
      ['status', STATUS.applied],
      ['limit', '100'],
    ]);

    expect(applied.items.map((item) => item.id).sort()).toEqual(ids.slice(0, 23).sort());
    expect(app.deps.bus.current().offers.get(ids[25])?.status).toBe(STATUS.toAnalyse);
    const { Autre: other, ...counts } = after.table.totals.counts;
    expect(other).toBe(0);
    expect(counts).toEqual(storedCounts(fake));
    // The table moved only by what changed in the base while Veille was closed.
    expect(counts[STATUS.processed]).toBe(before.table.totals.counts[STATUS.processed] + 1);
  }, 30_000);
});
