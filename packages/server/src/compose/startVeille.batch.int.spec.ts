import { existsSync } from 'node:fs';
import path from 'node:path';
import { STATUS, type Projection } from '@veille/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../../test/fakeAnthropic';
import { freshDataDir, startTestApp, until } from '../../test/harness';
import { postJson, stateOf } from '../../test/offersApi';
import { capturedLog } from '../../test/settingsApi';
import type { Veille } from './startVeille';

const KEY = 'sk-ant-batch-secret-0123456789';
const timings = { batchTimings: { firstDelayMs: 20, maxDelayMs: 80 } };

/** A run from its start to its end, however short (a phase 3 refused at once ends it within the request). */
const run = async (app: Veille): Promise<Projection> => {
  const before = app.deps.bus.current().run.startedAt;
  await fetch(`${app.url}/api/runs`, { method: 'POST' });
  return until(app.deps.bus, (state) => state.run.startedAt !== before && !state.run.active && !!state.run.endedAt);
};

const withStatus = (state: Projection, status: string) => [...state.offers.values()].filter((offer) => offer.status === status);

/** Phase 3 off for every source but the first: one run leaves a backlog, and the first source's offers analysed by the normal API. */
const setActivation = async (app: Veille, senders: string[], enabled: boolean) => {
  for (const sender of senders) await postJson(app, `/api/sources/${encodeURIComponent(sender)}/activation`, { phase: 'analyse', enabled });
};

describe('A backlog analysed at half price through the Message Batches API', () => {
  let fake: FakeAnthropic;
  let app: Veille | undefined;
  let dir: string;
  let cleanup: () => void;
  const captured = capturedLog();
  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    ANTHROPIC_API_KEY: KEY,
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_MODEL: 'claude-sonnet-5-5',
    ANALYSIS_BATCH_MIN: '5',
    ...extra,
  });

  beforeEach(async () => {
    fake = await startFakeAnthropic({ batches: { processingMs: 60_000 } });
    ({ dir, cleanup } = freshDataDir());
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await fake.close();
    cleanup();
  });

  /** A first run with phase 3 on for one source only: its offers through the normal API, every other one left `À analyser`. */
  const backlogOf = async (started: Veille): Promise<{ backlog: string[]; normal: string[]; others: string[] }> => {
    const senders = [...started.deps.bus.current().sources.keys()];
    const others = senders.slice(1);
    await setActivation(started, others, false);
    const first = await run(started);
    await setActivation(started, others, true);
    return {
      backlog: withStatus(first, STATUS.toAnalyse).map((offer) => offer.id),
      normal: withStatus(first, STATUS.toProcess).map((offer) => offer.id),
      others,
    };
  };

  it('should send the backlog as one batch, show it pending, then apply its results as the normal path would, at half the price', async () => {
    app = await startTestApp(dir, env(), timings);
    const { backlog, normal } = await backlogOf(app);
    const normalCalls = fake.requests.length;
    expect(backlog.length).toBeGreaterThanOrEqual(5);
    expect(normal.length).toBeGreaterThan(0);

    const second = await run(app);
    const view = await stateOf(app);

    expect(fake.batches).toHaveLength(1);
    expect(fake.batches[0].requests).toHaveLength(backlog.length);
    expect(fake.requests).toHaveLength(normalCalls);
    expect(
      withStatus(second, STATUS.toAnalyse)
        .map((offer) => offer.id)
        .sort(),
    ).toEqual([...backlog].sort());
    expect(second.run.phases.analyse.failed).toBe(0);
    expect(view.analysisBatch).toMatchObject({ done: 0, total: backlog.length });
    expect(existsSync(path.join(dir, 'lot-analyse.json'))).toBe(true);

    fake.setBatchTimings({ processingMs: 0 });
    const applied = await until(app.deps.bus, (state) => state.analysisBatch.id === '');

    expect(withStatus(applied, STATUS.toAnalyse)).toEqual([]);
    const [batched, direct] = await Promise.all([app.deps.store.readOffers(backlog), app.deps.store.readOffers(normal)]);
    // The fake answers the same output for the same format: the same scores and totals either way.
    const scoresOf = (records: typeof batched) => new Set(records.map((record) => JSON.stringify([record.analysis?.scores, record.analysis?.total])));
    expect(scoresOf(batched)).toEqual(scoresOf(direct));
    const batchCost = batched.reduce((sum, record) => sum + (record.analysis?.costUsd ?? 0), 0) / batched.length;
    const directCost = direct.reduce((sum, record) => sum + (record.analysis?.costUsd ?? 0), 0) / direct.length;
    expect(batchCost).toBeLessThan(directCost * 0.55);
    expect(applied.usage.today.Claude.byKind).toMatchObject({ batch: expect.any(Number) as number });
    expect(existsSync(path.join(dir, 'lot-analyse.json'))).toBe(false);
    // Nothing pending: Veille no longer asks the API (its backoff tops at 80 ms here).
    const looks = fake.batches[0].retrievals;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.batches[0].retrievals).toBe(looks);
  });

  it('should analyse offers that arrive during the run through the normal API while the backlog waits in its batch', async () => {
    app = await startTestApp(dir, env(), timings);
    const [late, ...others] = [...app.deps.bus.current().sources.keys()];
    // A first run leaves the other sources' offers `À analyser` and the late source's emails in the mailbox.
    await postJson(app, `/api/sources/${encodeURIComponent(late)}/activation`, { phase: 'import', enabled: false });
    await setActivation(app, others, false);
    const first = await run(app);
    const backlog = withStatus(first, STATUS.toAnalyse).map((offer) => offer.id);
    await setActivation(app, others, true);
    await postJson(app, `/api/sources/${encodeURIComponent(late)}/activation`, { phase: 'import', enabled: true });

    const second = await run(app);

    const arrived = [...second.offers.values()].filter((offer) => offer.source === late);
    expect(arrived.length).toBeGreaterThan(0);
    expect(arrived.every((offer) => offer.status !== STATUS.toAnalyse)).toBe(true);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.batches).toHaveLength(1);
    expect(fake.batches[0].requests).toHaveLength(backlog.length);
    expect(
      withStatus(second, STATUS.toAnalyse)
        .map((offer) => offer.id)
        .sort(),
    ).toEqual([...backlog].sort());
  });

  it('should resume a batch pending at a restart and apply its results after it', async () => {
    app = await startTestApp(dir, env(), timings);
    const { backlog } = await backlogOf(app);
    await run(app);
    expect(app.deps.bus.current().analysisBatch.total).toBe(backlog.length);
    await app.close();

    fake.setBatchTimings({ processingMs: 0 });
    app = await startTestApp(dir, env(), timings);
    // Resumed before the app answers: its results come once the API says it ended.
    await until(app.deps.bus, (state) => state.analysisBatch.id === '' && backlog.every((id) => state.offers.get(id)?.status === STATUS.toProcess));

    expect(fake.batches).toHaveLength(1);
    expect(fake.batches[0].retrievals).toBeGreaterThan(1);
  });

  it('should put the offer of an errored request back for the next run with the reason, and apply the others', async () => {
    app = await startTestApp(dir, env(), { ...timings, log: captured.log });
    const { backlog } = await backlogOf(app);
    fake.script({ kind: 'errored' });
    fake.setBatchTimings({ processingMs: 0 });

    await run(app);
    const applied = await until(app.deps.bus, (state) => state.analysisBatch.id === '');

    // The first request sent errored: its offer alone waits `À analyser`, with the reason, and the next run analyses it.
    const putBack = withStatus(applied, STATUS.toAnalyse).map((offer) => offer.id);
    expect(putBack).toHaveLength(1);
    expect(backlog).toContain(putBack[0]);
    expect(withStatus(applied, STATUS.toProcess).filter((offer) => backlog.includes(offer.id))).toHaveLength(backlog.length - 1);
    expect(captured.lines.join('')).toContain("Analyse par lot sans résultat (erreur de l'API : Internal server error)");

    const next = await run(app);
    expect(next.offers.get(putBack[0])?.status).toBe(STATUS.toProcess);
    expect(fake.batches).toHaveLength(1);
  });

  it('should expire a whole batch: its offers wait for the next run, with why', async () => {
    app = await startTestApp(dir, env(), { ...timings, log: captured.log });
    const { backlog } = await backlogOf(app);

    await run(app);
    fake.setBatchTimings({ expiresAfterMs: 0 });
    const ended = await until(app.deps.bus, (state) => state.analysisBatch.id === '');

    expect(backlog.every((id) => ended.offers.get(id)?.status === STATUS.toAnalyse)).toBe(true);
    expect(captured.lines.join('')).toContain('Analyse par lot sans résultat (lot expiré avant son traitement)');
    // Not refused as "nothing to do": the offers are work for the next run, which sends them as a new batch.
    await run(app);
    expect(fake.batches).toHaveLength(2);
  });

  it('should send no batch the spending cap does not allow, the offers staying to analyse', async () => {
    app = await startTestApp(dir, env({ ANALYSIS_CAP_DAILY: '0.0001' }), timings);
    const senders = [...app.deps.bus.current().sources.keys()];
    await setActivation(app, senders, false);
    await run(app);
    await setActivation(app, senders, true);

    const capped = await run(app);

    expect(fake.batches).toHaveLength(0);
    expect(capped.run.phases.analyse.error).toMatch(/^Plafond de dépense atteint/);
    expect(withStatus(capped, STATUS.toProcess)).toEqual([]);
  });
});
