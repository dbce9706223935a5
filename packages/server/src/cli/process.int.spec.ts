import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OfferStore, RecordedRun } from '@veille/domain';
import { freshDataDir, runEnded, startTestApp } from '../../test/harness';
import { openSqliteRunLog } from '../adapters/sqlite/runLog';
import type { Veille } from '../compose/startVeille';

const CLI = path.resolve(__dirname, 'process.ts');
const NO_LISTEN = path.resolve(__dirname, '../../test/noListen.cjs');
const TOKEN = 'cli-test-token-0123456789abcdef';
/** Variables of the machine that would point the CLI elsewhere than the test's address and folder. */
const FOREIGN =
  /^(IMAP_|AIRTABLE_|ANTHROPIC_|ANALYSIS_|ACCESS_TOKEN$|ALLOWED_HOSTS$|ENRICH_|HOST$|PORT$|DATA_DIR$|LOG_LEVEL$|NODE_OPTIONS$|RUN_HISTORY_LIMIT$)/;

type Finished = { code: number | null; stdout: string; stderr: string };

/**
 * `pnpm process` as its own process (node with tsx, as the script runs it), with a preload that
 * makes any attempt to listen on a TCP port fail loudly: the CLI must never bind one.
 */
async function runCli(env: Record<string, string>): Promise<Finished> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'veille-cli-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !FOREIGN.test(name)));
  const child = spawn(process.execPath, ['--require', NO_LISTEN, '--import', pathToFileURL(require.resolve('tsx')).href, CLI], {
    cwd,
    env: { ...inherited, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  rmSync(cwd, { recursive: true, force: true });
  return { code, stdout, stderr };
}

/** A port nothing listens on now. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const canListen = async (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

const runsOf = async (app: Veille): Promise<RecordedRun[]> =>
  ((await (await fetch(`${app.url}/api/runs`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as { runs: RecordedRun[] }).runs;

describe('pnpm process', () => {
  let app: Veille | undefined;
  const cleanups: (() => void)[] = [];
  const dataDir = (): string => {
    const { dir, cleanup } = freshDataDir();
    cleanups.push(cleanup);
    return dir;
  };

  afterEach(async () => {
    await app?.close();
    app = undefined;
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  describe('Given a Veille running on the configured address', () => {
    it('should have it run, follow the run from its event stream, and exit 0, never binding the port itself', async () => {
      app = await startTestApp(dataDir(), { ACCESS_TOKEN: TOKEN });
      const { port } = new URL(app.url);
      const ownDir = dataDir();

      const cli = await runCli({ PORT: port, DATA_DIR: ownDir, ACCESS_TOKEN: TOKEN });

      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain(`Veille répond sur ${app.url} : le traitement y est demandé.`);
      expect(cli.stdout).toMatch(/^Import des emails : démarrage \(\d+ à traiter\)$/m);
      expect(cli.stdout).toMatch(/^Analyse : \d+ traité\(s\)$/m);
      const [run] = await runsOf(app);
      expect(run).toMatchObject({ trigger: 'cli', outcome: 'finished' });
      expect(run.phases.analyse.done).toBeGreaterThan(25);
      // Nothing ran in the CLI's own process: its data dir was never even created.
      expect(existsSync(ownDir)).toBe(false);
    });

    it('should exit 2, saying so, when a run is already active there', async () => {
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      // The server's run holds on its first write of offers until the CLI has been answered.
      const hold = (store: OfferStore): OfferStore => ({ ...store, saveOffers: async (offers) => (await held, store.saveOffers(offers)) });
      app = await startTestApp(dataDir(), { ACCESS_TOKEN: TOKEN }, { wrapStore: hold });
      const started = await fetch(`${app.url}/api/runs`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });

      const cli = await runCli({ PORT: new URL(app.url).port, DATA_DIR: dataDir(), ACCESS_TOKEN: TOKEN });
      release();
      await runEnded(app.deps.bus);

      expect(started.status).toBe(202);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain('Un traitement est déjà en cours.');
      expect((await runsOf(app)).map((run) => run.trigger)).toEqual(['button']);
    });

    it('should exit 1 without running anything when that Veille refuses its token', async () => {
      app = await startTestApp(dataDir(), { ACCESS_TOKEN: TOKEN });

      const cli = await runCli({ PORT: new URL(app.url).port, DATA_DIR: dataDir(), ACCESS_TOKEN: 'another-token-0123456789abcdef' });

      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain('refuse le jeton : vérifiez ACCESS_TOKEN');
      expect(await runsOf(app)).toEqual([]);
    });
  });

  describe('Given no Veille on the configured address', () => {
    it('should run in its own process, binding no port, and record its run as "cli" in the history file', async () => {
      const port = await freePort();
      const dir = dataDir();

      const cli = await runCli({ PORT: String(port), DATA_DIR: dir });

      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      expect(cli.stdout).not.toContain('Veille répond');
      expect(cli.stdout).toMatch(/^Enrichissement : \d+ traité\(s\)$/m);
      expect(await canListen(port)).toBe(true);
      const history = openSqliteRunLog(path.join(dir, 'runs.sqlite'));
      try {
        expect(history.last(5)).toMatchObject([{ trigger: 'cli', outcome: 'finished' }]);
      } finally {
        history.close();
      }
    });
  });
});
