import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshDataDir, startTestApp, until } from '../../test/harness';
import { DEFAULT_CRITERIA, type Criteria } from '../criteria/criteria';
import type { Veille } from './startVeille';

const put = (app: Veille, body: unknown) =>
  fetch(`${app.url}/api/criteria`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Starts a run and resolves with the projection once that very run has ended. */
const run = async (app: Veille) => {
  const before = app.deps.bus.current().run.startedAt;
  expect((await fetch(`${app.url}/api/runs`, { method: 'POST' })).status).toBe(202);
  return until(app.deps.bus, (state) => !state.run.active && !!state.run.endedAt && state.run.startedAt !== before);
};

describe('The criteria, edited in the page', () => {
  let app: Veille | undefined;
  let dataDir: string;
  let cleanup: () => void;
  const file = () => path.join(dataDir, 'criteres.json');

  beforeEach(() => ({ dir: dataDir, cleanup } = freshDataDir()));

  afterEach(async () => {
    await app?.close();
    app = undefined;
    cleanup();
  });

  describe('When 20 saves arrive at once', () => {
    it('should store each whole, one after the other, and end on a valid file equal to one of them', async () => {
      app = await startTestApp(dataDir);
      const versions: Criteria[] = Array.from({ length: 20 }, (_unused, index) => ({
        ...DEFAULT_CRITERIA,
        keywords: Array.from({ length: 1 + ((index * 37) % 20) * 40 }, () => `mot${index}`),
      }));

      const responses = await Promise.all(versions.map((criteria) => put(app!, criteria)));

      expect(responses.map((response) => response.status)).toEqual(versions.map(() => 200));
      const saved = JSON.parse(readFileSync(file(), 'utf8')) as Criteria;
      expect(versions).toContainEqual(saved);
      expect(await (await fetch(`${app.url}/api/criteria`)).json()).toEqual(saved);
      expect(readdirSync(dataDir).filter((name) => name.includes('criteres'))).toEqual(['criteres.json']);
    });
  });

  describe('When a save is refused', () => {
    it('should answer 400 with every field to fix and its French message, and keep the file as it was', async () => {
      app = await startTestApp(dataDir);
      const before = readFileSync(file(), 'utf8');

      const refused = await put(app, { ...DEFAULT_CRITERIA, salaryFloor: -5, dealBreakers: [{ title: '', description: '', keywords: [] }] });

      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        error: expect.stringMatching(
          /^Critères invalides :\n {2}champ « salaryFloor » : .*\n {2}champ « dealBreakers\[0\]\.title » : Le titre est obligatoire\.$/,
        ),
        issues: [
          { field: 'salaryFloor', message: 'Le salaire plancher doit être supérieur à 0 (vide : pas de plancher).' },
          { field: 'dealBreakers[0].title', message: 'Le titre est obligatoire.' },
        ],
      });
      expect(readFileSync(file(), 'utf8')).toBe(before);
    });
  });

  describe('Given a criteria file broken by hand', () => {
    const startOnBroken = async (broken: (text: string) => string): Promise<Veille> => {
      app = await startTestApp(dataDir);
      await app.close();
      writeFileSync(file(), broken(readFileSync(file(), 'utf8')));
      // The same port: the demo emails link to pages on it.
      app = await startTestApp(dataDir, { PORT: new URL(app.url).port });
      return app;
    };

    it('should start, say on which line the JSON breaks, and give the text back to fix', async () => {
      const started = await startOnBroken((text) => text.replace('"remoteOk": true,', '"remoteOk": true'));
      const broken = readFileSync(file(), 'utf8');
      const line = broken.split('\n').findIndex((row) => row.includes('"salaryFloor"')) + 1;

      const response = await fetch(`${started.url}/api/criteria`);

      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({
        error: `Fichier criteres.json : JSON invalide ligne ${line}, colonne 3 : « , » ou « } » attendu, « " » trouvé (virgule oubliée ?).`,
        text: broken,
      });
    });

    it('should name the field to fix, leave offers "À analyser" instead of scoring them with other criteria, and analyse them once a save repairs it', async () => {
      const started = await startOnBroken((text) => text.replace('"salaryFloor": 45000', '"salaryFloor": "45 k€"'));

      const answer = (await (await fetch(`${started.url}/api/criteria`)).json()) as { error: string };
      const halted = await run(started);

      expect(answer.error).toContain('champ « salaryFloor » : Le salaire plancher doit être un nombre');
      expect(halted.run.phases.analyse).toMatchObject({ state: 'failed', failed: 0, error: expect.stringContaining('Analyse suspendue') });
      const offers = [...halted.offers.values()];
      expect(offers.filter((offer) => offer.status === 'À traiter')).toEqual([]);
      expect(offers.filter((offer) => offer.status === 'À analyser').length).toBeGreaterThan(20);

      const repaired = await put(started, { ...DEFAULT_CRITERIA, salaryFloor: 50_000 });
      const done = await run(started);

      expect(repaired.status).toBe(200);
      expect((JSON.parse(readFileSync(file(), 'utf8')) as Criteria).salaryFloor).toBe(50_000);
      expect(await (await fetch(`${started.url}/api/criteria`)).json()).toMatchObject({ salaryFloor: 50_000 });
      expect(done.run.phases.analyse).toMatchObject({ state: 'finished' });
      expect([...done.offers.values()].filter((offer) => offer.status === 'À analyser')).toEqual([]);
    });
  });
});
