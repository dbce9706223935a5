import { createServer, Server, type AddressInfo } from 'node:net';
import pino from 'pino';
import { freshDataDir, runEnded } from '../../test/harness';
import { loadConfig } from '../config';
import { startRun } from '../core/runs';
import { startCore, type HeadlessCore } from './startCore';

const FINAL = new Set(['À traiter', 'Expiré', 'Ignoré']);

/** The servers listening in this process (HTTP servers are net servers too), from Node's live handles. */
const listeningServers = (): Server[] =>
  (process as unknown as { _getActiveHandles(): unknown[] })
    ._getActiveHandles()
    .filter((handle): handle is Server => handle instanceof Server && handle.listening);

const tryListen = (port: number): Promise<number | undefined> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });

describe('The core without its HTTP face', () => {
  let core: HeadlessCore | undefined;
  let cleanup: () => void;
  let dataDir: string;

  beforeEach(() => {
    ({ dir: dataDir, cleanup } = freshDataDir());
  });

  afterEach(async () => {
    await core?.close();
    cleanup();
  });

  describe('Given a first start on embedded defaults', () => {
    it('should run a whole run to its end, the demo pages read in this process, with no port bound', async () => {
      const port = (await tryListen(0)) ?? 0;
      // A jest worker may hold servers of an earlier test file: only those the core adds count.
      const before = new Set(listeningServers());

      core = await startCore(loadConfig({ HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir }), { log: pino({ level: 'silent' }) });
      const outcome = await startRun(core.deps, 'cli');
      const duringRun = listeningServers()
        .filter((server) => !before.has(server))
        .map((server) => server.address());
      const portStillFree = await tryListen(port);
      const state = await runEnded(core.deps.bus);

      expect(outcome).toEqual({ started: true });
      expect(duringRun).toEqual([]);
      expect(portStillFree).toBe(port);
      const offers = [...state.offers.values()];
      expect(offers.length).toBeGreaterThanOrEqual(35);
      expect(offers.filter((offer) => !FINAL.has(offer.status))).toEqual([]);
      expect(offers.some((offer) => offer.status === 'Expiré')).toBe(true);
      expect(offers.filter((offer) => offer.status === 'À traiter').length).toBeGreaterThan(25);
      // Seeded as `pnpm start` on this configuration would seed them: its dashboard serves these links.
      expect(offers.filter((offer) => !offer.url.startsWith(`http://127.0.0.1:${port}/demo/offres/`))).toEqual([]);
      expect(state.run.outcome).toBe('done');
      expect(await core.deps.history.list(5)).toMatchObject([{ trigger: 'cli', outcome: 'finished' }]);
      expect(listeningServers()).toEqual([]);
    });
  });
});
