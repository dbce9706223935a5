import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { loadConfig } from '../config';
import type { Veille } from '../compose/startVeille';
import type { ScheduleView } from '../ports';

const putSchedule = async (app: Veille, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await fetch(`${app.url}/api/schedule`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const getSchedule = async (app: Veille): Promise<ScheduleView> => (await fetch(`${app.url}/api/schedule`)).json() as Promise<ScheduleView>;

describe('GET and PUT /api/schedule', () => {
  let app: Veille | undefined;
  let dataDir: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ dir: dataDir, cleanup } = freshDataDir());
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    cleanup();
  });

  it('should be off by default, with no run due, read in Paris time', async () => {
    app = await startTestApp(dataDir);

    expect(await getSchedule(app)).toEqual({ mode: 'off', next: null, from: 'default', timeZone: 'Europe/Paris' });
  });

  it('should save a daily time in settings.json, say when it next runs, tell every page, and keep it after a restart', async () => {
    app = await startTestApp(dataDir);

    const saved = await putSchedule(app, { mode: 'daily@07:30' });
    const planned = app.deps.bus.current().autoRun;

    expect(saved).toEqual({ status: 200, body: { mode: 'daily@07:30', next: expect.any(String), from: 'file', timeZone: 'Europe/Paris' } });
    const next = new Date(String(saved.body.next));
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    expect(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(next)).toBe('07:30');
    expect(planned).toEqual({ mode: 'daily@07:30', next: saved.body.next });
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ schedule: { autoRun: 'daily@07:30' } });

    await app.close();
    app = await startTestApp(dataDir);
    expect(await getSchedule(app)).toMatchObject({ mode: 'daily@07:30', next: saved.body.next, from: 'file' });
  });

  it('should leave no run due once set back to off', async () => {
    app = await startTestApp(dataDir);
    await putSchedule(app, { mode: 'daily@07:30' });

    const off = await putSchedule(app, { mode: 'off' });

    expect(off.body).toMatchObject({ mode: 'off', next: null });
    expect(app.deps.bus.current().autoRun).toEqual({ mode: 'off', next: null });
  });

  it('should refuse a mode it does not know, in French, and keep the one in force', async () => {
    app = await startTestApp(dataDir);
    await putSchedule(app, { mode: 'mail' });

    for (const body of [{ mode: 'daily@7:30' }, { mode: 'daily@24:00' }, { mode: 'hourly' }, {}, { mode: 'mail', extra: 1 }, { mode: 7 }]) {
      const refused = await putSchedule(app, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toContain('attendu « off », « mail » ou « daily@HH:MM »');
    }
    expect(await getSchedule(app)).toMatchObject({ mode: 'mail', from: 'file' });
  });

  it('should take AUTO_RUN from the environment over the page, and refuse to change it there', async () => {
    app = await startTestApp(dataDir, { AUTO_RUN: 'daily@06:00', TZ: 'America/New_York' });

    const refused = await putSchedule(app, { mode: 'off' });

    expect(await getSchedule(app)).toMatchObject({ mode: 'daily@06:00', from: 'env', timeZone: 'America/New_York' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("Mode non enregistré : défini par l'environnement (AUTO_RUN) : changez-le là, puis redémarrez Veille.");
  });

  it('should refuse an AUTO_RUN it does not know at startup, naming the variable', () => {
    expect(() => loadConfig({ AUTO_RUN: 'tous les jours' })).toThrow(/AUTO_RUN : attendu « off », « mail » ou « daily@HH:MM »/);
    expect(loadConfig({ AUTO_RUN: 'mail' }).settingsEnv.values['schedule.autoRun']).toBe('mail');
    expect(loadConfig({}).timeZone).toBe('Europe/Paris');
    expect(loadConfig({ TZ: ':/etc/localtime' }).timeZone).toBe('Europe/Paris');
  });

  it('should change the mode during a run, when the services cannot be changed', async () => {
    app = await startTestApp(dataDir);
    await fetch(`${app.url}/api/runs`, { method: 'POST' });
    await until(app.deps.bus, (state) => state.run.active);

    const schedule = await putSchedule(app, { mode: 'mail' });
    const services = await fetch(`${app.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ analysis: { kind: 'rules' } }),
    });

    expect(schedule.status).toBe(200);
    expect(services.status).toBe(409);
    await runEnded(app.deps.bus);
  });
});
