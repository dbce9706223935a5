import { STATUS, type Projection } from '@veille/domain';
import { runAtScale, type ScaledRun } from '../../test/airtableRun';
import type { FakeAirtable } from '../../test/fakeAirtable';

const FINAL = new Set<string>([STATUS.toProcess, STATUS.expired, STATUS.ignored]);
const OFFERS = 2_000;
const SOURCES = 12;
const NEW_OFFERS = 200;
const NEW_SENDERS = 4;

/** What the base holds, offer by offer, against what the projection says. */
const storedStatuses = (fake: FakeAirtable) => new Map(fake.records('Offres').map((record) => [record.id, record.fields.Statut]));
const projectedStatuses = (state: Projection) => new Map([...state.offers.values()].map((offer) => [offer.id, offer.status]));

/** Every request Veille made, one a line, for a failure to name the extra ones. */
const described = (fake: FakeAirtable): string =>
  fake.log.map((entry) => `${entry.kind} ${entry.method} ${decodeURIComponent(entry.path).split('/').slice(3).join('/')} ${entry.status}`).join('\n');

describe('A whole run on an Airtable base of 2,000 offers that imports 200 (local fake of the documented API, official package)', () => {
  let run: ScaledRun;

  beforeAll(async () => {
    // Both the fake and Veille's client go faster than Airtable's 5 requests/s: the count is the
    // same, the test takes seconds. Only a full batch or a phase running dry sends a request, never
    // the 10 s hold running out on a loaded machine.
    run = await runAtScale({
      offers: OFFERS,
      sources: SOURCES,
      newOffers: NEW_OFFERS,
      perEmail: 5,
      newSenders: NEW_SENDERS,
      requestsPerSecond: 1_000,
      airtableTimings: { flushDelayMs: 60_000 },
    });
  }, 120_000);

  afterAll(async () => {
    await run?.close();
  });

  it('should take every new offer through its pages and the analysis to a final status, the projection equal to the base', () => {
    const created = [...run.state.offers.values()].filter((offer) => !run.existing.has(offer.id));

    expect(run.newSources).toBe(NEW_SENDERS);
    expect(created).toHaveLength(NEW_OFFERS);
    expect(created.filter((offer) => !FINAL.has(offer.status))).toEqual([]);
    // Phase 2 found every page's text, phase 3 analysed it: the run did all its work, not a shortcut.
    expect(created.filter((offer) => !offer.hasText || !offer.analysed)).toEqual([]);
    expect(run.state.offers.size).toBe(OFFERS + NEW_OFFERS);
    expect(projectedStatuses(run.state)).toEqual(storedStatuses(run.fake));
  });

  it('should make the whole run, from start-up, within ⌈S/100⌉ + ⌈T/100⌉ + ⌈new sources/10⌉ + 3·⌈M/10⌉ + 6 Airtable calls', () => {
    const { fake, bound } = run;

    expect(bound).toBe(1 + 20 + 1 + 60 + 6);
    // Over the bound, the failure names every request.
    expect(fake.count() > bound ? described(fake) : 'within the bound').toBe('within the bound');
    expect(fake.count()).toBeLessThanOrEqual(bound);
    // Phase 1: ⌈M/10⌉ + 1 upserts of offers (emails share requests), the new sources' own; each later phase's status writes, requests of 10.
    expect(fake.count('upsert')).toBeLessThanOrEqual(Math.ceil(NEW_SENDERS / 10) + NEW_OFFERS / 10 + 1);
    expect(fake.count('update')).toBeLessThanOrEqual((2 * NEW_OFFERS) / 10 + 2);
    expect(fake.count('create')).toBe(0);
    expect(fake.log.filter((entry) => entry.status === 429)).toEqual([]);
  });

  it('should read the base once at start-up and never read back what the run wrote', () => {
    const { fake, atStartup } = run;
    const lists = fake.log.filter((entry) => entry.kind === 'list');
    const duringRun = fake.log.slice(atStartup).filter((entry) => entry.kind === 'list');

    // The load: ⌈S/100⌉ pages of Sources, ⌈T/100⌉ of Offres.
    expect(lists.filter((entry) => entry.path.endsWith('/Offres') || entry.path.endsWith('/Offres/listRecords'))).toHaveLength(OFFERS / 100);
    expect(fake.log.slice(0, atStartup).filter((entry) => entry.kind === 'list')).toHaveLength(1 + OFFERS / 100);
    // Then at most the Sources the start-up audit created, seen as changed when the run starts: no offer is read again.
    expect(duringRun.length).toBeLessThanOrEqual(1);
    expect(duringRun.filter((entry) => !entry.path.endsWith('/Sources'))).toEqual([]);
  });
});
