import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { STATUS } from '@veille/domain';
import { startFakeAirtable, type FakeAirtable } from '../../test/fakeAirtable';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { capturedLog, settingsApi } from '../../test/settingsApi';
import { openSse } from '../../test/sseClient';
import { setupAirtable } from '../adapters/airtable/setup';
import type { Veille } from './startVeille';

const SENDER = 'alertes@hellowork.example';

/** A prepared base that already holds one source and three offers. */
async function seedBase(fake: FakeAirtable): Promise<void> {
  expect((await setupAirtable({ apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url })).problems).toEqual([]);
  const [source] = fake.insert('Sources', [{ emailExpéditeur: SENDER, plugin: 'HelloWork', 'Activer la création': true }]);
  fake.insert(
    'Offres',
    [0, 1, 2].map((index) => ({
      'Id offre': `base:${index}`,
      URL: `https://jobs.example.org/${index}`,
      Poste: `Poste ${index}`,
      Statut: STATUS.toProcess,
      'email expéditeur': [source],
    })),
  );
  // The setup used its own client: let its second of the base's 5 requests/s pass before the app's.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}

describe('Settings: the store switched from the page, applied without a restart', () => {
  let fake: FakeAirtable;
  let app: Veille;
  let cleanup: () => void;
  const captured = capturedLog();

  beforeAll(async () => {
    fake = await startFakeAirtable({ apiKey: 'patSettingsToken0123456789' });
    await seedBase(fake);
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    // Where Airtable answers is no setting of the page; which base and with which token are.
    app = await startTestApp(dir, { AIRTABLE_ENDPOINT_URL: fake.url, ENRICH_HOST_DELAY_MS: '300' }, { log: captured.log });
  });

  afterAll(async () => {
    await app?.close();
    await fake?.close();
    cleanup?.();
  });

  it('should test the token and the base, then reload the table from the base with one load once saved', async () => {
    const api = settingsApi(app.url);
    const stream = openSse(`${app.url}/api/events`);
    const store = { kind: 'airtable', baseId: `https://airtable.com/${fake.baseId}/tblX/viwY`, token: fake.apiKey };

    const refused = await api.test({ part: 'store', values: { ...store, token: 'patWrongToken000000000' } });
    const unknown = await api.test({ part: 'store', values: { ...store, baseId: 'appUnknownBase000' } });
    const tested = await api.test({ part: 'store', values: store });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    fake.resetLog();
    const saved = await api.put({ store });

    expect(refused.body).toMatchObject({ ok: false, message: expect.stringContaining("Airtable refuse l'accès (401)") as unknown });
    expect(unknown.body).toMatchObject({ ok: false, message: expect.stringContaining('Airtable : base appUnknownBase000 ou table introuvable') as unknown });
    expect(tested.body).toEqual({
      ok: true,
      message: 'Jeton et base acceptés : les tables Sources et Offres sont là.',
      details: { tables: ['Sources', 'Offres'], prepared: true },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.store).toEqual({
      kind: 'airtable',
      baseId: fake.baseId,
      token: { set: true, hint: '…6789' },
      from: { kind: 'file', baseId: 'file', token: 'file' },
    });
    const state = app.deps.bus.current();
    expect([...state.offers.keys()].sort()).toEqual(
      fake
        .records('Offres')
        .map((record) => record.id)
        .sort(),
    );
    expect(state.sources.has(SENDER)).toBe(true);
    // One load: its two listings (Sources, Offres), never one request per offer.
    expect(stream.messages.filter((message) => message.event === 'TableLoadStarted')).toHaveLength(1);
    expect(fake.count('list')).toBe(2);
    const storage = (await (await fetch(`${app.url}/api/storage`)).json()) as { label: string };
    expect(storage.label).toBe(`Airtable (base ${fake.baseId})`);
    stream.close();
    const everything = [...api.answers, JSON.stringify(stream.messages), ...captured.lines].join('\n');
    expect(everything).not.toContain(fake.apiKey);
    expect(everything).not.toContain('patWrongToken000000000');
  }, 30_000);

  it('should refuse a save during a run, saying it can be saved once the run is over', async () => {
    const api = settingsApi(app.url);
    const started = await fetch(`${app.url}/api/runs`, { method: 'POST' });
    expect(started.status).toBe(202);
    await until(app.deps.bus, (state) => state.run.active);

    const during = await api.put({ analysis: { cap: { daily: 2 } } });

    expect(during).toEqual({
      status: 409,
      body: {
        error:
          'Paramètres non enregistrés : un traitement est en cours. Enregistrez-les après sa fin (ou arrêtez-le) : ils serviront dès le traitement suivant.',
      },
    });
    await fetch(`${app.url}/api/runs/stop`, { method: 'POST' });
    await runEnded(app.deps.bus);
    const after = await api.put({ analysis: { cap: { daily: 2 } } });
    expect(after.status).toBe(200);
    expect(after.body.analysis).toMatchObject({ cap: { daily: 2, monthly: null }, from: { 'cap.daily': 'file', 'cap.monthly': 'default' } });
  }, 60_000);
});

describe('Settings: the environment wins, bad values are refused per field, a broken file stops nothing', () => {
  const KEY = 'sk-ant-from-the-environment-4242';
  let app: Veille | undefined;
  let cleanup: () => void;
  let dir: string;

  beforeEach(() => {
    ({ dir, cleanup } = freshDataDir());
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    cleanup();
  });

  it('should show what the environment sets as read-only, and refuse to change it while saving the rest', async () => {
    app = await startTestApp(dir, { ANTHROPIC_API_KEY: KEY, ANTHROPIC_MODEL: 'claude-haiku-5-5' });
    const api = settingsApi(app.url);

    const shown = await api.get();
    const changed = await api.put({ analysis: { kind: 'rules', apiKey: 'sk-ant-other-key-0000', model: 'claude-haiku-5-5' } });
    const removed = await api.put({ analysis: { apiKey: null } });
    const unchanged = await api.put({ analysis: { ...(shown.body.analysis as object), cap: { daily: 1.5, monthly: 20 } } });

    expect(shown.body.analysis).toMatchObject({
      kind: 'claude',
      model: 'claude-haiku-5-5',
      apiKey: { set: true, hint: '…4242' },
      from: { kind: 'env', model: 'env', apiKey: 'env', 'cap.daily': 'default' },
      models: expect.arrayContaining([{ id: 'claude-sonnet-5-5', label: 'Claude Sonnet 5.5 (recommandé)', inputPerMTok: 2, outputPerMTok: 10 }]) as unknown,
    });
    expect(changed).toEqual({
      status: 400,
      body: {
        error: 'Paramètres non enregistrés : corrigez les champs signalés.',
        fields: {
          'analysis.kind': "défini par l'environnement (ANTHROPIC_API_KEY) : changez-le là, puis redémarrez Veille",
          'analysis.apiKey': "défini par l'environnement (ANTHROPIC_API_KEY) : changez-le là, puis redémarrez Veille",
        },
      },
    });
    expect(removed.status).toBe(400);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.analysis).toMatchObject({ kind: 'claude', cap: { daily: 1.5, monthly: 20 }, from: { kind: 'env', 'cap.daily': 'file' } });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ analysis: { cap: { daily: 1.5, monthly: 20 } } });
    expect(api.answers.join('\n')).not.toContain(KEY);
  });

  it('should refuse bad values field by field, in French, and save nothing', async () => {
    app = await startTestApp(dir);
    const api = settingsApi(app.url);
    const before = await api.get();

    const typed = await api.put({ mailbox: { port: 70_000, secure: 'oui', host: 'imap://mail.example.org:993' }, store: { baseId: 'ma base' } });
    const incomplete = await api.put({ mailbox: { kind: 'imap', host: 'imap.example.org' }, analysis: { kind: 'claude', cap: { daily: -1 } } });
    const missing = await api.put({ mailbox: { kind: 'imap', host: 'imap.example.org' }, store: { kind: 'airtable' } });
    const notObject = await api.put(['mailbox']);

    expect(typed).toEqual({
      status: 400,
      body: {
        error: 'Paramètres non enregistrés : corrigez les champs signalés.',
        fields: {
          'mailbox.port': 'entre 1 et 65535',
          'mailbox.secure': 'attendu vrai ou faux',
          'mailbox.host': 'nom du serveur attendu, sans « imap:// » ni port (ex. imap.gmail.com)',
          'store.baseId': "un identifiant app… (17 caractères) ou l'URL d'une base est attendu",
        },
      },
    });
    expect(incomplete.body.fields).toEqual({ 'analysis.cap.daily': 'un montant positif ou nul est attendu' });
    expect(missing.body.fields).toEqual({
      'mailbox.user': 'requis pour une boîte IMAP : votre adresse email, le plus souvent',
      'mailbox.password': "requis pour une boîte IMAP : un mot de passe d'application",
      'store.baseId': "requis pour Airtable : un identifiant app… (17 caractères) ou l'URL d'une base est attendu",
      'store.token': "requis pour Airtable : un jeton d'accès personnel (pat…)",
    });
    expect(notObject.status).toBe(400);
    expect((await api.get()).body).toEqual(before.body);
    expect(readdirSync(dir)).not.toContain('settings.json');
  });

  it('should run on the defaults beside a broken settings.json, say what is wrong, and keep it until a valid save', async () => {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'settings.json');
    const broken = '{ "mailbox": { "kind": "imap", "port": 993, }';
    writeFileSync(file, broken);
    app = await startTestApp(dir);
    const api = settingsApi(app.url);

    const shown = await api.get();
    const refused = await api.put({ mailbox: { port: 'x' } });

    expect(shown.body.fileError).toMatch(/^Fichier settings\.json illisible : JSON invalide ligne 1, colonne \d+ : .+\.$/);
    expect(shown.body.mailbox).toMatchObject({ kind: 'folder', from: { kind: 'default' } });
    expect(app.deps.bus.current().startup).toBe('ready');
    expect(refused.status).toBe(400);
    expect(readFileSync(file, 'utf8')).toBe(broken);

    const saved = await api.put({ analysis: { cap: { monthly: 10 } } });

    expect(saved.status).toBe(200);
    expect(saved.body.fileError).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ analysis: { cap: { monthly: 10 } } });
    const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.invalide-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]), 'utf8')).toBe(broken);
  });
});
