import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STATUS } from '@veille/domain';
import { startFakeAirtable, type FakeAirtable, type LoggedRequest } from '../../../test/fakeAirtable';
import { capturedLog } from '../../../test/settingsApi';
import { availabilityOf } from '../../core/sources';
import { createAirtableStore, type AirtableOfferStore } from '.';
import { checkAirtable } from './check';
import { createAirtableClient } from './client';
import { setupAirtable } from './setup';

const SENDERS = ['alertes@hellowork.example', 'jobs@linkedin.example'];
const OFFERS = 30;
/** Short enough for a test, far longer than the gaps between requests at start-up. */
const SHORT_PENALTY_MS = 1_500;
/** A penalty no test could wait out: a load that waited one would time out. */
const ENDLESS_PENALTY_MS = 600_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A prepared base holding sources and offers, the setup's requests out of the one-second window. */
async function seededBase(penaltyMs: number): Promise<FakeAirtable> {
  const fake = await startFakeAirtable({ penaltyMs });
  const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
  expect((await setupAirtable(config, undefined, createAirtableClient(config, { rateLimitPenaltyMs: penaltyMs }))).problems).toEqual([]);
  const sources = fake.insert(
    'Sources',
    SENDERS.map((sender) => ({ emailExpéditeur: sender, plugin: 'HelloWork', 'Activer la création': true })),
  );
  fake.insert(
    'Offres',
    Array.from({ length: OFFERS }, (_unused, index) => ({
      'Id offre': `seed:${index}`,
      URL: `https://jobs.example.org/offres/${index}`,
      Poste: `Data engineer ${index}`,
      Statut: index % 3 === 0 ? STATUS.processed : STATUS.toProcess,
      'email expéditeur': [sources[index % sources.length]],
    })),
  );
  await pause(1_100);
  fake.resetLog();
  return fake;
}

/** Another integration of the same base (a Veille that just closed, a script) sends `count` requests now. */
async function spendBudget(fake: FakeAirtable, count: number): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: count }, () => fetch(`${fake.url}/v0/${fake.baseId}/Sources`, { headers: { authorization: `Bearer ${fake.apiKey}` } })),
  );
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
}

const line = (entry: LoggedRequest) => `${entry.kind} ${entry.method} ${entry.path.replace(/^\/v0\/(meta\/)?(bases\/)?app\w+/, '')} ${entry.status}`;

describe('A store loading while Airtable limits the base (5 requests/s, then 429 and a penalty)', () => {
  let fake: FakeAirtable;
  let dir: string;
  const stores: AirtableOfferStore[] = [];
  const { log, lines } = capturedLog();

  const openStore = (penaltyMs: number) => {
    const store = createAirtableStore(
      { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url },
      { availability: availabilityOf, log, rateLimitPenaltyMs: penaltyMs, flushDelayMs: 5, watchFile: path.join(dir, 'webhook.json') },
    );
    stores.push(store);
    return store;
  };

  /** The load found every source and every offer with the status the base holds. */
  const expectWholeBase = ({ sources, offers }: Awaited<ReturnType<AirtableOfferStore['load']>>) => {
    expect(sources.map((source) => source.sender)).toEqual([...SENDERS].sort());
    const stored = new Map(fake.records('Offres').map((record) => [record.id, record.fields.Statut]));
    expect(new Map(offers.map((offer) => [offer.id, offer.status]))).toEqual(stored);
    expect(offers.filter((offer) => offer.status === STATUS.processed)).toHaveLength(OFFERS / 3);
  };

  /** The webhook watches the base: a change by hand shows at the next look, read alone. */
  const expectWatching = async (store: AirtableOfferStore) => {
    const [changed] = fake.records('Offres');
    fake.edit('Offres', changed.id, { Statut: STATUS.applied });
    const seen = await store.changes?.();
    expect(seen?.offers.map((offer) => [offer.id, offer.status])).toEqual([[changed.id, STATUS.applied]]);
  };

  const rateLimitWarnings = () => lines.filter((text) => text.includes('Airtable rate limit (429)'));

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille-429-'));
    lines.splice(0);
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('Given a base whose requests of the last second leave room for only one more', () => {
    it('should wait the penalty after a 429 on the webhook creation, create it once, then load the whole base', async () => {
      fake = await seededBase(SHORT_PENALTY_MS);
      await spendBudget(fake, 4);
      fake.resetLog();
      const store = openStore(SHORT_PENALTY_MS);

      const loaded = await store.load();

      const requests = fake.log;
      expect(requests.map(line)).toEqual([
        'meta GET /tables 200',
        'webhook POST /webhooks 429',
        'webhook POST /webhooks 200',
        expect.stringMatching(/^list GET \/(Sources|Offres) 200$/),
        expect.stringMatching(/^list GET \/(Sources|Offres) 200$/),
      ]);
      // Airtable's penalty runs from the refused request: the retry comes after it, not before.
      expect(requests[2].at - requests[1].at).toBeGreaterThanOrEqual(SHORT_PENALTY_MS);
      expect(rateLimitWarnings()).toHaveLength(1);
      expect(rateLimitWarnings()[0]).toContain('"kind":"webhook"');
      expectWholeBase(loaded);
      expect(fake.webhooks()).toHaveLength(1);
      await expectWatching(store);
    });

    it('should wait the penalty after a 429 on the refresh of the webhook a restart finds, then keep it and load the whole base', async () => {
      fake = await seededBase(SHORT_PENALTY_MS);
      await openStore(SHORT_PENALTY_MS).load();
      const [kept] = fake.webhooks();
      await pause(1_100);
      await spendBudget(fake, 3);
      fake.resetLog();
      const restarted = openStore(SHORT_PENALTY_MS);

      const loaded = await restarted.load();

      const requests = fake.log;
      expect(requests.map(line)).toEqual([
        'meta GET /tables 200',
        'webhook GET /webhooks 200',
        `webhook POST /webhooks/${kept.id}/refresh 429`,
        `webhook POST /webhooks/${kept.id}/refresh 200`,
        expect.stringMatching(/^list GET \/(Sources|Offres) 200$/),
        expect.stringMatching(/^list GET \/(Sources|Offres) 200$/),
      ]);
      expect(requests[3].at - requests[2].at).toBeGreaterThanOrEqual(SHORT_PENALTY_MS);
      expectWholeBase(loaded);
      expect(fake.webhooks().map((hook) => hook.id)).toEqual([kept.id]);
      await expectWatching(restarted);
    });
  });

  describe('Given a base with room for every request of the load', () => {
    it('should load the whole base without one refused request and without waiting', async () => {
      fake = await seededBase(ENDLESS_PENALTY_MS);
      const store = openStore(ENDLESS_PENALTY_MS);

      const loaded = await store.load();

      expect(fake.log.map((entry) => entry.status)).toEqual([200, 200, 200, 200]);
      expect(fake.count('meta') + fake.count('webhook') + fake.count('list')).toBe(4);
      expect(rateLimitWarnings()).toEqual([]);
      expectWholeBase(loaded);
      expect(fake.webhooks()).toHaveLength(1);
    });

    it("should keep the store and « Tester » clicked meanwhile within the base's 5 requests/s together, none refused", async () => {
      fake = await seededBase(ENDLESS_PENALTY_MS);
      const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
      const store = openStore(ENDLESS_PENALTY_MS);

      const [loaded, ...checks] = await Promise.all([store.load(), checkAirtable(config), checkAirtable(config), checkAirtable(config)]);

      expect(fake.log).toHaveLength(7);
      expect(fake.log.map((entry) => entry.status)).toEqual(fake.log.map(() => 200));
      expect(checks).toEqual(checks.map(() => ({ tables: expect.arrayContaining(['Sources', 'Offres']), prepared: true })));
      expectWholeBase(loaded);
    });
  });
});
