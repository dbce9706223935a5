import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordedRun } from '@veille/domain';
import { filter, firstValueFrom } from 'rxjs';
import { freshDataDir, startTestApp } from '../../test/harness';
import type { Veille } from '../compose/startVeille';

const HW = 'notification@emails.hellowork.com';

/** An alert from a board Veille knows that holds no offer: it stays in the mailbox and fails the import of every run. */
const emptyAlert = (id: number): string =>
  [
    `From: HelloWork <${HW}>`,
    'To: moi@example.org',
    `Subject: Vos alertes du jour ${id}`,
    'Date: Tue, 24 Nov 2026 08:00:00 +0100',
    `Message-ID: <vide-${id}@hellowork.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    "Aucune offre aujourd'hui.",
    '',
  ].join('\r\n');

const post = (app: Veille, body?: unknown) =>
  fetch(`${app.url}/api/runs`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const history = async (app: Veille, query = ''): Promise<{ status: number; body: { runs?: RecordedRun[]; error?: string } }> => {
  const response = await fetch(`${app.url}/api/runs${query}`);
  return { status: response.status, body: (await response.json()) as { runs?: RecordedRun[]; error?: string } };
};

describe('Run history', () => {
  let app: Veille | undefined;
  let cleanup: () => void;
  let dataDir: string;

  /** A data dir that exists (no demo seeded) with empty alerts waiting: each run fails them and ends at once. */
  const start = async (env: NodeJS.ProcessEnv = {}, alerts = 1): Promise<Veille> => {
    mkdirSync(path.join(dataDir, 'mailbox'), { recursive: true });
    for (let id = 1; id <= alerts; id += 1) writeFileSync(path.join(dataDir, 'mailbox', `vide-${id}.eml`), emptyAlert(id));
    app = await startTestApp(dataDir, env);
    return app;
  };

  const runOnce = async (veille: Veille, body?: unknown): Promise<void> => {
    const ended = firstValueFrom(veille.deps.bus.changes$.pipe(filter(({ event }) => event.type === 'RunEnded')));
    expect((await post(veille, body)).status).toBe(202);
    await ended;
  };

  beforeEach(() => {
    ({ dir: dataDir, cleanup } = freshDataDir());
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    cleanup();
  });

  it('should record each run when it ends, how it started, and each failure with its reason', async () => {
    const veille = await start();

    await runOnce(veille);
    const { status, body } = await history(veille);

    expect(status).toBe(200);
    expect(body.runs).toHaveLength(1);
    const [run] = body.runs ?? [];
    expect(run).toMatchObject({ id: expect.any(Number) as unknown, trigger: 'button', outcome: 'finished' });
    expect(Date.parse(run.endedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    expect(run.phases.import).toMatchObject({ done: 1, failed: 1, moreFailures: 0 });
    expect(run.phases.import.failures).toEqual([{ item: `vide-1.eml (${HW})`, reason: expect.stringMatching(/\S/) as unknown }]);
    expect(run.usage).toEqual({ calls: {}, tokens: { input: 0, output: 0, cached: 0 }, cost: 0 });
  });

  it('should take the trigger the caller names, and refuse one it does not know', async () => {
    const veille = await start();

    const refused = await post(veille, { trigger: 'cron' });
    await runOnce(veille, { trigger: 'cli' });

    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^Corps attendu : rien, ou \{ "trigger": "button" \| "cli"/);
    expect((await history(veille)).body.runs?.map((run) => run.trigger)).toEqual(['cli']);
  });

  it('should list the newest first, as many as asked, and keep only the last RUN_HISTORY_LIMIT', async () => {
    const veille = await start({ RUN_HISTORY_LIMIT: '3' });

    for (const trigger of ['button', 'cli', 'mail', 'schedule', 'cli']) await runOnce(veille, { trigger });
    const all = await history(veille);
    const two = await history(veille, '?limit=2');

    expect(all.body.runs?.map((run) => run.trigger)).toEqual(['cli', 'schedule', 'mail']);
    const ids = all.body.runs?.map((run) => run.id) ?? [];
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(two.body.runs?.map((run) => run.id)).toEqual(ids.slice(0, 2));
  });

  it.each(['0', '-1', '1.5', 'abc', '1001'])('should refuse limit=%s in French (400)', async (limit) => {
    const veille = await start();

    const { status, body } = await history(veille, `?limit=${limit}`);

    expect(status).toBe(400);
    expect(body.error).toBe('Paramètre « limit » invalide : un entier de 1 à 1000 est attendu.');
  });

  it('should answer the API consumption per day, oldest first, up to today', async () => {
    const veille = await start();

    const response = await fetch(`${veille.url}/api/usage/days?days=7`);
    const refused = await fetch(`${veille.url}/api/usage/days?days=91`);

    const { days } = (await response.json()) as { days: { day: string; calls: number; cost: number }[] };
    expect(days).toHaveLength(7);
    expect(days.map((day) => day.day)).toEqual([...days.map((day) => day.day)].sort());
    expect(days.every((day) => day.calls >= 0 && day.cost >= 0)).toBe(true);
    expect(refused.status).toBe(400);
  });

  it('should let the run end as usual when the history cannot be written, and keep what it could not write for the next run', async () => {
    // A folder where the history's file should be: SQLite cannot open it, as on a disk that refuses it.
    mkdirSync(path.join(dataDir, 'runs.sqlite'), { recursive: true });
    const veille = await start();

    await runOnce(veille, { trigger: 'cli' });
    const state = veille.deps.bus.current();
    const listed = await history(veille);
    rmSync(path.join(dataDir, 'runs.sqlite'), { recursive: true });
    await runOnce(veille);
    const later = await history(veille);

    expect(state.run).toMatchObject({ active: false, outcome: 'done' });
    expect(state.run.stopReason).toBeUndefined();
    expect(listed).toEqual({ status: 500, body: { error: 'Erreur interne : le détail est dans le journal de Veille.' } });
    expect(later.body.runs?.map((run) => run.trigger)).toEqual(['button', 'cli']);
  });
});
