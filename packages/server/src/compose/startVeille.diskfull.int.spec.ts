import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { COLUMNS, type StateView } from '@veille/domain';
import { mailboxContents, placesOf, type MailFile } from '../../test/crash/mailboxContents';
import { startServer, type ServerProcess } from '../../test/crash/serverProcess';
import { readStore } from '../../test/crash/storeContents';
import { startTestApp, until } from '../../test/harness';
import { sleep } from '../../test/http';
import { mountSmallDisk, smallDiskAvailable, type SmallDisk } from '../../test/smallDisk';
import { openSse, type SseMessage } from '../../test/sseClient';
import { DEFAULT_CRITERIA } from '../criteria/criteria';
import { seedDemo } from '../demo/seed';
import type { Veille } from './startVeille';

const describeWithSmallDisk = smallDiskAvailable() ? describe : describe.skip;

const FINAL = new Set(['À traiter', 'Expiré', 'Ignoré']);

/** The table's counts keyed as `readStore` keys the store's. */
const countsOf = (view: StateView): Record<string, number> =>
  Object.fromEntries(
    view.table.rows.flatMap((row) => COLUMNS.filter((column) => row.counts[column] > 0).map((column) => [`${row.source}\t${column}`, row.counts[column]])),
  );

/** Starts a run in process and resolves with the projection once that very run has ended. */
const runOnce = async (app: Veille) => {
  const before = app.deps.bus.current().run.startedAt;
  expect((await fetch(`${app.url}/api/runs`, { method: 'POST' })).status).toBe(202);
  return until(app.deps.bus, (state) => !state.run.active && !!state.run.endedAt && state.run.startedAt !== before);
};

const usageOnDisk = (dataDir: string): number => {
  const { days } = JSON.parse(readFileSync(path.join(dataDir, 'usage.json'), 'utf8')) as { days: Record<string, Record<string, { calls: number }>> };
  return Object.values(days).reduce((sum, day) => sum + (day['Pages web']?.calls ?? 0), 0);
};

/** Polls a condition the server reaches on its own, within a generous bound. */
const eventually = async (condition: () => boolean): Promise<void> => {
  for (const deadline = Date.now() + 20_000; !condition();) {
    if (Date.now() > deadline) throw new Error('Condition jamais atteinte');
    await sleep(100);
  }
};

// Installed in the server process: a rejection nobody handles is written down instead of killing it.
const LISTENER = `
const { appendFileSync } = require('node:fs');
process.on('unhandledRejection', (reason) => appendFileSync(process.env.UNHANDLED_FILE, String((reason && reason.stack) || reason) + '\\n'));
`;

describeWithSmallDisk('Veille when the disk refuses writes (a real tmpfs, filled to the last byte or read-only)', () => {
  let disk: SmallDisk | undefined;
  let server: ServerProcess | undefined;
  let work: string;

  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'veille-diskfull-'));
  });

  afterEach(async () => {
    try {
      await server?.kill();
    } finally {
      disk?.unmount();
      disk = undefined;
      server = undefined;
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('should stop the run with « Disque plein : … », stay up, lose nothing, and complete the next run once space is back', async () => {
    disk = mountSmallDisk(16);
    const dataDir = path.join(disk.dir, 'data');
    const mailbox = path.join(dataDir, 'mailbox');
    const unhandled = path.join(work, 'unhandled.txt');
    writeFileSync(path.join(work, 'listener.cjs'), LISTENER);
    writeFileSync(unhandled, '');
    server = await startServer({
      dataDir,
      port: 0,
      cwd: work,
      env: { NODE_OPTIONS: `--require ${path.join(work, 'listener.cjs')}`, UNHANDLED_FILE: unhandled },
      wrap: (command, args) => ({ command, args }),
    });
    const { url } = server;
    const alive = server.died;
    const stream = openSse(`${url}/api/events`);
    const call = async (method: string, route: string, body?: unknown) => {
      const response = await Promise.race([
        fetch(`${url}${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
        alive,
      ]);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const state = async () => (await call('GET', '/api/state')).body as StateView;
    const ended = () => stream.messages.filter((message) => message.event === 'RunEnded').length;
    const run = async (): Promise<SseMessage[]> => {
      const before = stream.messages.length;
      const runsBefore = ended();
      expect((await call('POST', '/api/runs')).status).toBe(202);
      await Promise.race([stream.waitFor(() => ended() > runsBefore), alive]);
      return stream.messages.slice(before);
    };
    const reasonOf = (messages: SseMessage[]): string => {
      const halted = messages.filter((message) => message.event === 'RunHalted');
      expect(halted).toHaveLength(1);
      return (halted[0].data as { reason: string }).reason;
    };
    const setEnrich = async (enabled: boolean) => {
      for (const row of (await state()).table.rows.filter((candidate) => candidate.available.enrich)) {
        expect((await call('POST', `/api/sources/${encodeURIComponent(row.source)}/activation`, { phase: 'enrich', enabled })).status).toBe(200);
      }
    };
    const seeded: MailFile[] = mailboxContents(mailbox);

    // 1. The store cannot take the first email's offers: the run stops there, every email stays in the mailbox.
    disk.fill();
    const importRun = await run();
    const importReason = reasonOf(importRun);
    const criteriaBefore = readFileSync(path.join(dataDir, 'criteres.json'), 'utf8');
    const criteriaSave = await call('PUT', '/api/criteria', { ...DEFAULT_CRITERIA, salaryFloor: 60_000 });
    const someSource = (await state()).table.rows[0].source;
    const activation = await call('POST', `/api/sources/${encodeURIComponent(someSource)}/activation`, { phase: 'analyse', enabled: false });
    const afterImport = await state();

    expect(importReason).toMatch(
      /^Disque plein : les offres de l'email « .+ » n'ont pas pu être enregistrées dans la base\. Rien n'est perdu : l'email .+ reste dans la boîte/,
    );
    expect(importRun.at(-1)).toMatchObject({ event: 'RunEnded', data: { outcome: 'stopped' } });
    expect(afterImport.run).toMatchObject({ stopReason: importReason, outcome: 'stopped' });
    expect(afterImport.run.phases.find((phase) => phase.id === 'import')).toMatchObject({ failed: 0 });
    expect(mailboxContents(mailbox)).toEqual(seeded);
    expect(criteriaSave).toEqual({
      status: 507,
      body: { error: expect.stringMatching(/^Disque plein : les critères n'ont pas pu être enregistrés\. Rien n'est perdu/) },
    });
    expect(readFileSync(path.join(dataDir, 'criteres.json'), 'utf8')).toBe(criteriaBefore);
    expect(activation).toEqual({
      status: 507,
      body: { error: expect.stringMatching(/^Disque plein : la modification demandée n'a pas pu être enregistrée\. Rien n'est perdu : rien n'a changé/) },
    });
    expect(afterImport.table.rows[0].activation.analyse).toBe(true);

    // 2. Space is back: the import completes (enrichment off, to keep offers waiting for step 3).
    disk.free();
    await setEnrich(false);
    const imported = await run();
    const waiting = (await state()).table.totals.counts['A compléter'];

    expect(imported.some((message) => message.event === 'RunHalted')).toBe(false);
    expect(waiting).toBeGreaterThan(30);

    // 3. Full again during enrichment: no offer's new status is lost nor set aside, the run stops once.
    await setEnrich(true);
    disk.fill();
    const enrichRun = await run();
    const enrichReason = reasonOf(enrichRun);
    const afterEnrich = await state();

    expect(enrichReason).toMatch(
      /^Disque plein : (le nouvel état de l'offre « .+ » n'a pas pu être enregistré dans la base|la consommation API n'a pas pu être enregistrée \(usage\.json\))\. Rien n'est perdu : /,
    );
    expect(afterEnrich.run.phases.find((phase) => phase.id === 'enrich')).toMatchObject({ failed: 0 });
    expect(enrichRun.filter((message) => message.event === 'ItemFailed')).toEqual([]);

    // 4. Space is back: the store holds what the table shows (no offer moved on in one and not the
    // other), and the next run completes, with everything in its final place.
    disk.free();
    expect(readStore(path.join(dataDir, 'veille.sqlite')).counts).toEqual(countsOf(afterEnrich));
    const last = await run();
    const final = await state();
    const usage = final.usage.today['Pages web']?.calls ?? 0;

    expect(last.some((message) => message.event === 'RunHalted')).toBe(false);
    expect(final.run).toMatchObject({ outcome: 'done' });
    expect(final.run.stopReason).toBeUndefined();
    expect(final.table.totals.counts['A compléter'] + final.table.totals.counts['À analyser']).toBe(0);
    expect(usage).toBeGreaterThanOrEqual(waiting);
    const { places, strangers } = placesOf(seeded, mailboxContents(mailbox));
    expect(strangers).toEqual([]);
    expect([...places.values()].filter((where) => where.length !== 1)).toEqual([]);
    expect(readFileSync(unhandled, 'utf8')).toBe('');
    // The calls counted while the disk was full reach the file too, once its writes catch up.
    await eventually(() => usageOnDisk(dataDir) === usage);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    stream.close();
    await server.kill();
    server = undefined;
    const store = readStore(path.join(dataDir, 'veille.sqlite'));
    expect(store.duplicateKeys).toEqual([]);
    expect(store.statuses.filter((status) => !FINAL.has(status))).toEqual([]);
    expect(store.counts).toEqual(countsOf(final));
  }, 180_000);

  it('should refuse to start on a full disk with « Disque plein : … », having changed nothing', () => {
    disk = mountSmallDisk(4);
    disk.fill();
    const dataDir = path.join(disk.dir, 'data');

    const started = spawnSync(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(__dirname, '..', 'main.ts')], {
      cwd: work,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect(started.status).toBe(1);
    expect(started.stderr.trim()).toMatch(
      /^Démarrage impossible : Disque plein : Veille ne peut pas préparer ses fichiers dans le dossier de données\. Rien n'est perdu : aucune donnée n'a été modifiée\. Libérez de la place/,
    );
  }, 90_000);

  it('should stop on a read-only mailbox with « Disque en lecture seule », keep every email, and import them once without duplicate when writable', async () => {
    const dataDir = path.join(work, 'data');
    const mailbox = path.join(dataDir, 'mailbox');
    mkdirSync(mailbox, { recursive: true });
    disk = mountSmallDisk(4, mailbox);
    const app = await startTestApp(dataDir);
    try {
      await seedDemo(mailbox, app.url);
      await fetch(`${app.url}/api/refresh`, { method: 'POST' });
      const seeded = mailboxContents(mailbox);
      disk.readOnly(true);

      const halted = await runOnce(app);

      expect(halted.run).toMatchObject({
        outcome: 'stopped',
        stopReason: expect.stringMatching(
          /^Disque en lecture seule : l'email « .+ » n'a pas pu être archivé\. Rien n'est perdu : ses offres sont enregistrées/,
        ),
      });
      expect(halted.run.phases.import.failed).toBe(0);
      expect(mailboxContents(mailbox)).toEqual(seeded);

      disk.readOnly(false);
      const done = await runOnce(app);

      expect(done.run).toMatchObject({ outcome: 'done' });
      const { places } = placesOf(seeded, mailboxContents(mailbox));
      expect([...places.values()].filter((where) => where.length !== 1)).toEqual([]);
      const keys = (await app.deps.store.readOffers([...done.offers.keys()])).map((offer) => offer.key);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await app.close();
    }
  }, 120_000);
});
