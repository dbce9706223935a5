import { startFakeAnthropic } from '../../test/fakeAnthropic';
import { freshDataDir, runEnded, startTestApp } from '../../test/harness';
import { openSse } from '../../test/sseClient';
import type { Veille } from './startVeille';

const KEY = 'sk-ant-test-secret-0123456789';

describe('Veille with Claude as the analyser', () => {
  let fake: Awaited<ReturnType<typeof startFakeAnthropic>>;
  let app: Veille;
  let cleanup: () => void;

  beforeEach(async () => {
    fake = await startFakeAnthropic({ latencyMs: 5 });
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir, { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_MODEL: 'claude-sonnet-5-5' });
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
    cleanup();
  });

  it('should take the demo from the mailbox to À traiter with Claude, count its usage, and never show the key', async () => {
    const stream = openSse(`${app.url}/api/events`);
    fake.script({ kind: 'status', status: 529, retryAfterMs: 20 }, { kind: 'invalid' });

    await fetch(`${app.url}/api/runs`, { method: 'POST' });
    const state = await runEnded(app.deps.bus);
    await stream.waitFor((messages) => messages.some((message) => message.event === 'RunEnded'));
    stream.close();

    const offers = [...state.offers.values()];
    expect(offers.filter((offer) => !['À traiter', 'Expiré'].includes(offer.status))).toEqual([]);
    const analysed = offers.filter((offer) => offer.status === 'À traiter');
    const records = await app.deps.store.readOffers(analysed.map((offer) => offer.id));
    expect(records.every((record) => record.analysis?.analyser === 'claude-sonnet-5-5')).toBe(true);
    expect(state.run.phases.analyse.worker).toBe('claude-sonnet-5-5');
    // One answer per offer, plus the invalid one sent back; the 529 was retried inside the SDK and cost nothing.
    expect(state.usage.run.Claude.calls).toBe(analysed.length + 1);
    expect(state.usage.run.Claude.inputTokens).toBeGreaterThan(0);
    const everything = JSON.stringify(stream.messages) + (await (await fetch(`${app.url}/api/state`)).text());
    expect(everything).not.toContain(KEY);
  });
});
