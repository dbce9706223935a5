import { STATUS, type DomainEvent, type OfferSummary } from '@veille/domain';
import { appForSuite, runEnded, until } from '../../test/harness';
import { sleep } from '../../test/http';
import { postJson, setStatus, startJobPages } from '../../test/offersApi';

type Pages = Awaited<ReturnType<typeof startJobPages>>;

describe('A run that is active, when the person sends offers back (SQLite, over HTTP)', () => {
  const pages = { server: undefined as Pages | undefined };
  const suite = appForSuite({ ENRICH_ALLOW_PRIVATE: '1' });
  let analysed: OfferSummary[];

  beforeAll(async () => {
    pages.server = await startJobPages();
    await postJson(suite.app, '/api/runs', {});
    const state = await runEnded(suite.app.deps.bus);
    analysed = [...state.offers.values()].filter((offer) => offer.status === STATUS.toProcess);
  });

  afterAll(async () => {
    await pages.server?.close();
  });

  it('should analyse again the offer sent back to À analyser and read again the page of the one sent back to A compléter, in the same run', async () => {
    const { bus } = suite.app.deps;
    const [reanalysed, reenriched] = analysed;
    // An offer whose page does not answer until the test says so keeps the run active.
    const release = pages.server!.hold();
    const added = await postJson(suite.app, '/api/offers', { url: pages.server!.url('/offres/tenue') });
    const held = String(added.body.id);
    const events: DomainEvent[] = [];
    const subscription = bus.changes$.subscribe(({ event }) => events.push(event));

    const started = await postJson(suite.app, '/api/runs', {});
    while (!pages.server!.asked.includes('/offres/tenue')) await sleep(10);
    const back = await setStatus(suite.app, [reanalysed.id], STATUS.toAnalyse);
    const again = await setStatus(suite.app, [reenriched.id], STATUS.toComplete);
    const activeWhenSent = bus.current().run.active;
    // Both come back to À traiter while the held page still keeps the run going.
    const picked = await until(
      bus,
      (state) => state.offers.get(reanalysed.id)?.status === STATUS.toProcess && state.offers.get(reenriched.id)?.status === STATUS.toProcess,
    );
    release();
    const ended = await runEnded(bus);
    subscription.unsubscribe();

    expect(added.status).toBe(201);
    expect(started.status).toBe(202);
    expect([back.status, again.status]).toEqual([200, 200]);
    expect(activeWhenSent).toBe(true);
    expect(picked.run.active).toBe(true);
    const moves = (id: string) => events.flatMap((one) => (one.type === 'OfferStatusChanged' && one.data.offerId === id ? [one.data.to] : []));
    expect(moves(reanalysed.id)).toEqual([STATUS.toAnalyse, STATUS.toProcess]);
    expect(moves(reenriched.id)).toEqual([STATUS.toComplete, STATUS.toAnalyse, STATUS.toProcess]);
    expect(moves(held)).toEqual([STATUS.toAnalyse, STATUS.toProcess]);
    // One run, from "Lancer" to its end by itself, did it all.
    expect(events.filter((one) => one.type === 'RunStarted')).toHaveLength(1);
    expect(events.filter((one) => one.type === 'RunEnded').map((one) => one.data)).toEqual([expect.objectContaining({ outcome: 'done' })]);
    expect(ended.offers.get(held)?.status).toBe(STATUS.toProcess);
    const stored = await suite.app.deps.store.readOffers([reanalysed.id, reenriched.id, held]);
    expect(stored.map((record) => record.status)).toEqual([STATUS.toProcess, STATUS.toProcess, STATUS.toProcess]);
  }, 60_000);
});
