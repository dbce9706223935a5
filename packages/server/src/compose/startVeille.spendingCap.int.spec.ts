import { STATUS, type Projection } from '@veille/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../../test/fakeAnthropic';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { capturedLog, settingsApi } from '../../test/settingsApi';
import { openSse } from '../../test/sseClient';
import type { Veille } from './startVeille';

const KEY = 'sk-ant-settings-secret-0123456789';
const CAP = 0.15;

const run = async (app: Veille): Promise<Projection> => {
  await fetch(`${app.url}/api/runs`, { method: 'POST' });
  await until(app.deps.bus, (state) => state.run.active);
  return runEnded(app.deps.bus);
};

const withStatus = (state: Projection, status: string) => [...state.offers.values()].filter((offer) => offer.status === status);

describe('Settings: Claude chosen from the page, under a spending cap', () => {
  let fake: FakeAnthropic;
  let app: Veille;
  let cleanup: () => void;
  const captured = capturedLog();

  beforeAll(async () => {
    fake = await startFakeAnthropic({ latencyMs: 5 });
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    // Where the Messages API answers is no setting of the page; the key, the model and the cap are.
    app = await startTestApp(dir, { ANTHROPIC_BASE_URL: fake.url }, { log: captured.log });
  });

  afterAll(async () => {
    await app?.close();
    await fake?.close();
    cleanup?.();
  });

  it('should test the key with one tiny call, then stop phase 3 before a call would cross the cap, the offers staying to analyse', async () => {
    const api = settingsApi(app.url);
    const stream = openSse(`${app.url}/api/events`);
    const analysis = { kind: 'claude', apiKey: KEY, model: 'claude-sonnet-5-5', cap: { daily: CAP, monthly: null } };

    const tested = await api.test({ part: 'analysis', values: analysis });
    const saved = await api.put({ analysis });
    const capped = await run(app);

    expect(tested.body).toMatchObject({ ok: true, details: { model: 'claude-sonnet-5-5' } });
    expect(tested.body.message).toMatch(/^Claude répond \(claude-sonnet-5-5\) : ce test a coûté 0,\d+ \$\.$/);
    expect(saved.body.analysis).toMatchObject({ kind: 'claude', apiKey: { set: true, hint: '…6789' }, cap: { daily: CAP, monthly: null } });
    expect(capped.run.phases.analyse.state).toBe('failed');
    expect(capped.run.phases.analyse.error).toMatch(/^Plafond de dépense atteint : 0,\d\d \$ dépensés aujourd'hui sur 0,15 \$/);
    expect(capped.run.phases.analyse.error).toContain('les offres restent « À analyser »');
    expect(capped.run.phases.analyse.worker).toBe('claude-sonnet-5-5');
    const waiting = withStatus(capped, STATUS.toAnalyse);
    expect(waiting.length).toBeGreaterThan(0);
    expect(withStatus(capped, STATUS.toProcess).length).toBeGreaterThan(0);
    expect(capped.usage.today.Claude.costUsd).toBeLessThanOrEqual(CAP);

    // A raised cap lets the next run go on.
    await api.put({ analysis: { cap: { daily: null } } });
    const after = await run(app);

    expect(withStatus(after, STATUS.toAnalyse)).toEqual([]);
    expect(after.run.phases.analyse.state).toBe('finished');
    // The run panel hears it as phase 3's failure, with the reason.
    const failures = stream.messages.filter((message) => message.event === 'PhaseFailed').map((message) => message.data as { phase: string; error: string });
    expect(failures).toEqual([{ phase: 'analyse', error: capped.run.phases.analyse.error }]);
    stream.close();
    const everything = [...api.answers, JSON.stringify(stream.messages), ...captured.lines].join('\n');
    expect(everything).not.toContain(KEY);
  }, 60_000);
});
