import type { OfferStore, StateView } from '@veille/domain';
import { freshDataDir, runEnded, startTestApp } from '../../test/harness';
import { openSse } from '../../test/sseClient';
import type { Veille } from './startVeille';

/** A real SQLite store whose first load waits until the test lets it go: a slow Airtable at start, on cue. */
const heldAtFirstLoad = () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const wrap = (store: OfferStore): OfferStore => ({
    ...store,
    load: async () => {
      calls += 1;
      await gate;
      return store.load();
    },
  });
  return { wrap, release: () => release(), loads: () => calls };
};

const post = (url: string, route: string) => fetch(`${url}${route}`, { method: 'POST' });

describe('Veille while it starts', () => {
  let app: Veille | undefined;
  let cleanup: () => void;
  let dir: string;

  beforeEach(() => {
    ({ dir, cleanup } = freshDataDir());
  });

  afterEach(async () => {
    await app?.close();
    cleanup();
  });

  describe('Given a store that takes its time to load the table', () => {
    it('should answer commands 503 "Veille démarre…" until it is ready, show "chargement", then run a run to its end', async () => {
      const store = heldAtFirstLoad();
      let listening!: (url: string) => void;
      const url = new Promise<string>((resolve) => (listening = resolve));
      const starting = startTestApp(dir, {}, { wrapStore: store.wrap, onListening: ({ url }) => listening(url) });
      const base = await url;
      while (store.loads() === 0) await new Promise((resolve) => setTimeout(resolve, 5));

      const early = await post(base, '/api/runs');
      const refresh = await post(base, '/api/refresh');
      const state = (await (await fetch(`${base}/api/state`)).json()) as StateView;
      const stream = openSse(`${base}/api/events`);
      await stream.waitFor((messages) => messages.length >= 1);

      expect(early.status).toBe(503);
      expect(await early.json()).toEqual({ error: 'Veille démarre…' });
      expect(refresh.status).toBe(503);
      expect(state).toMatchObject({ startup: 'starting', tableLoading: true });
      expect(stream.messages[0]).toMatchObject({ event: 'snapshot', data: { startup: 'starting', tableLoading: true } });

      store.release();
      app = await starting;
      await stream.waitFor((messages) => messages.some((message) => message.event === 'StartupCompleted'));
      stream.close();
      const ready = (await (await fetch(`${base}/api/state`)).json()) as StateView;
      expect(ready).toMatchObject({ startup: 'ready', tableLoading: false });
      // The loaded table comes as a fresh snapshot (its counts), not as every offer it holds.
      expect(stream.messages.map((message) => message.event)).toEqual(expect.arrayContaining(['snapshot', 'StartupCompleted']));
      expect(stream.messages.filter((message) => message.event === 'snapshot').at(-1)).toMatchObject({ data: { tableLoading: false } });
      expect(stream.messages.map((message) => message.event)).not.toContain('TableLoaded');

      const run = await post(base, '/api/runs');
      expect(run.status).toBe(202);
      const ended = await runEnded(app.deps.bus);
      expect(ended.run.outcome).toBe('done');
      expect(ended.offers.size).toBeGreaterThan(30);
    });
  });
});
